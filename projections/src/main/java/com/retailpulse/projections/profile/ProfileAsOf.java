package com.retailpulse.projections.profile;

import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.CustomersMergedEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's profile as it stood at a past moment (docs/audit.md): the events of the customer's records
 * stored up to that moment, applied by the live projection's own handlers to a profile held in memory, and
 * the tags derived with the clock at that moment. Records merged into the customer by then are included;
 * nothing is written and no segment membership is recorded.
 *
 * <p>Tags and segments are derived with the definitions in force now; the memberships the customer had
 * then are the ones its events recorded.
 */
@Component
public class ProfileAsOf {

    private final CustomerProfileProjection projection;
    private final AnnotationEventHandlerAdapter handlers;
    private final EventStore events;

    public ProfileAsOf(CustomerProfileProjection projection, EventStore events) {
        this.projection = projection;
        this.handlers = new AnnotationEventHandlerAdapter(projection);
        this.events = events;
    }

    /** The profile of {@code customerId} as of {@code at}; empty when no event of it was stored by then. */
    public Optional<ProfileDocument> asOf(String customerId, Instant at) {
        return asOf(customerId, at, false);
    }

    /**
     * The profile of {@code customerId} from the events that had happened by {@code at} in the customer's world
     * ({@link CustomerEvent#timeOf}: an imported 2011 order counts as of 2011, though stored today); what a
     * backtest of a past period sees.
     */
    public Optional<ProfileDocument> asOfBusinessTime(String customerId, Instant at) {
        return asOf(customerId, at, true);
    }

    private Optional<ProfileDocument> asOf(String customerId, Instant at, boolean businessTime) {
        List<DomainEventMessage<?>> history = history(customerId, at, businessTime);
        if (history.isEmpty()) {
            return Optional.empty();
        }
        Timeline timeline = timeline(at);
        history.forEach(timeline::apply);
        return Optional.ofNullable(timeline.at(at).get(customerId));
    }

    /**
     * Profiles built in memory from events handed in one by one, derived at any later moment: what a segment
     * backtest walks through a past period with (docs/backtests.md). Events must come in the order they
     * happened; the clock starts at {@code start}.
     */
    public Timeline timeline(Instant start) {
        return new Timeline(start);
    }

    /** See {@link #timeline(Instant)}. Not thread-safe: one walker at a time. */
    public final class Timeline {

        private final MovableClock clock;
        private final ProfileBatch batch;

        private Timeline(Instant start) {
            this.clock = new MovableClock(start);
            this.batch = projection.inMemoryBatch(clock);
        }

        /** Applies one stored event of a customer record to the profiles held here. */
        public void apply(DomainEventMessage<?> message) {
            DefaultUnitOfWork<DomainEventMessage<?>> unit = DefaultUnitOfWork.startAndGet(message);
            // The projection finds its batch on the root unit of work: when this runs inside another one (a
            // query's), that root is the outer unit, and it must hold this in-memory batch, never the index's.
            unit.root().resources().put(CustomerProfileProjection.batchResource(), batch);
            try {
                handlers.handle(message);
                unit.commit();
            } catch (Exception e) {
                if (unit.isActive()) {
                    unit.rollback(e);
                }
                throw new IllegalStateException("cannot apply " + message.getPayloadType().getSimpleName() + " "
                        + message.getIdentifier() + " of " + message.getAggregateIdentifier() + " to a profile in memory", e);
            }
        }

        /**
         * The profiles of the customers seen so far, derived as of {@code moment} (tags, scores' standing and
         * segments with the definitions in force now); a record merged into another is there with
         * {@link ProfileDocument#mergedInto()} set.
         */
        public Map<String, ProfileDocument> at(Instant moment) {
            clock.moveTo(moment);
            return batch.derived();
        }
    }

    /** The clock a timeline's profiles are derived with, moved forward as the walk goes. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void moveTo(Instant moment) {
            now = moment;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The stored events of the customer's records up to {@code at}, in the order they were stored. */
    private List<DomainEventMessage<?>> history(String customerId, Instant at, boolean businessTime) {
        List<DomainEventMessage<?>> all = new ArrayList<>();
        Deque<String> records = new ArrayDeque<>(List.of(customerId));
        Set<String> seen = new HashSet<>();
        while (!records.isEmpty()) {
            String record = records.pop();
            if (!seen.add(record)) {
                continue;
            }
            events.readEvents(record).asStream().filter(m -> !timeOf(m, businessTime).isAfter(at)).forEach(m -> {
                all.add(m);
                if (m.getPayload() instanceof CustomersMergedEvent merged) {
                    records.add(merged.absorbed().value());
                    merged.members().forEach(member -> records.add(member.customerId().value()));
                }
            });
        }
        all.sort(businessTime ? IN_BUSINESS_ORDER : IN_STORED_ORDER);
        return all;
    }

    /**
     * A customer's events in business time (when the order was placed, the visit made: {@link CustomerEvent#timeOf}),
     * then by record and sequence: the order in which a profile as of a moment applies them.
     */
    public static final Comparator<DomainEventMessage<?>> IN_BUSINESS_ORDER =
            Comparator.<DomainEventMessage<?>, Instant>comparing(m -> timeOf(m, true))
                    .thenComparing(DomainEventMessage::getAggregateIdentifier)
                    .thenComparingLong(DomainEventMessage::getSequenceNumber);

    private static final Comparator<DomainEventMessage<?>> IN_STORED_ORDER =
            Comparator.<DomainEventMessage<?>, Instant>comparing(m -> timeOf(m, false))
                    .thenComparing(DomainEventMessage::getAggregateIdentifier)
                    .thenComparingLong(DomainEventMessage::getSequenceNumber);

    /** When an event happened in business time: {@link CustomerEvent#timeOf}, or when it was stored. */
    public static Instant businessTimeOf(DomainEventMessage<?> message) {
        return timeOf(message, true);
    }

    private static Instant timeOf(DomainEventMessage<?> message, boolean businessTime) {
        return businessTime && message.getPayload() instanceof CustomerEvent event
                ? CustomerEvent.timeOf(event, message.getTimestamp()) : message.getTimestamp();
    }
}
