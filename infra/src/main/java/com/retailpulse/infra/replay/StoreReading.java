package com.retailpulse.infra.replay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Reading the event store in store order, from the first event up to a position fixed when the work was
 * asked for: what makes an attribution run or a backtest read exactly the same events when run again, while
 * new events keep arriving behind that position.
 */
public final class StoreReading {

    /** Called for each event read; answers false to stop reading (a cancel). */
    @FunctionalInterface
    public interface Reader {
        boolean read(TrackedEventMessage<?> message, long position, long eventsRead);
    }

    /** How a reading ended: the events read, the last position read, and whether the reader stopped it. */
    public record Read(long events, long position, boolean stopped) {
    }

    private StoreReading() {
    }

    /** The position of the newest stored event (0 for an empty store). */
    public static long head(EventStore events) {
        return position(events.createHeadToken());
    }

    /** A token's position in the store (0 for none). */
    public static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    /** Hands every event stored up to {@code upTo} (inclusive) to {@code reader}, in store order. */
    public static Read upTo(EventStore events, long upTo, Reader reader) throws InterruptedException {
        long read = 0;
        long position = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> message = stream.peek().orElseThrow();
                long at = position(message.trackingToken());
                if (at > upTo) {
                    break;
                }
                stream.nextAvailable();
                read++;
                position = at;
                if (!reader.read(message, at, read)) {
                    return new Read(read, position, true);
                }
            }
        }
        return new Read(read, position, false);
    }

    /** How far a reading up to {@code upTo} has come at {@code position}, in percent to one decimal; 100 once completed. */
    public static double percent(boolean completed, long position, long upTo) {
        if (completed) {
            return 100;
        }
        return upTo <= 0 ? 0 : Math.min(100, Math.round(1000.0 * position / upTo) / 10.0);
    }
}
