package com.retailpulse.infra.replay;

import com.retailpulse.projections.index.AliasedIndex;
import com.retailpulse.projections.index.AliasedReadModel;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rebuilds of read models kept behind an {@link AliasedIndex} (ADR 0024): the processor is stopped, a new
 * index is created and the write alias moved to it, the processor's tokens are reset and it replays into the
 * new index while queries read the old one; once the processor has passed the head of the event store as it
 * was at the start, the read alias moves in one atomic update and the old index is dropped.
 */
@Component
public class IndexRebuilds {

    private static final Logger log = LoggerFactory.getLogger(IndexRebuilds.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final List<AliasedReadModel> models;
    private final Clock clock;

    IndexRebuilds(EventProcessingConfiguration processing, EventStore eventStore, List<AliasedReadModel> models, Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.models = models;
        this.clock = clock;
    }

    /**
     * A read model behind aliases: the index queries read, the one being written, and during a rebuild how far
     * the replay is ({@code percent} of the events that were in the store when it started).
     */
    public record RebuildView(String readIndex, String writeIndex, boolean rebuilding, Long untilPosition, Instant startedAt,
                              Double percent) {
    }

    Optional<AliasedReadModel> of(String processor) {
        return models.stream().filter(m -> m.processingGroup().equals(processor)).findFirst();
    }

    RebuildView view(AliasedReadModel model, StreamingEventProcessor processor) {
        AliasedIndex.State state = model.index().state();
        Double percent = null;
        if (state.rebuilding() && state.rebuildUntilPosition() != null) {
            long until = state.rebuildUntilPosition();
            percent = until <= 0 ? 100.0 : Math.min(100, Math.round(1000.0 * position(processor).orElse(0) / until) / 10.0);
        }
        return new RebuildView(state.readIndex(), state.writeIndex(), state.rebuilding(), state.rebuildUntilPosition(),
                state.rebuildStartedAt(), percent);
    }

    /** @throws IllegalStateException when a rebuild of this read model is under way */
    RebuildView start(AliasedReadModel model, StreamingEventProcessor processor) {
        if (model.index().state().rebuilding()) {
            throw new IllegalStateException("a rebuild of " + model.processingGroup() + " is already under way");
        }
        long head = StoreReading.head(eventStore);
        processor.shutDown();
        try {
            String index = model.index().beginRebuild(head, clock.instant());
            processor.resetTokens();
            log.info("Rebuilding {} into {} by replaying events up to position {}", model.processingGroup(), index, head);
        } finally {
            processor.start();
        }
        return view(model, processor);
    }

    /** Switches every rebuilt read model whose processor has replayed past its start. */
    @Scheduled(fixedDelayString = "${retailpulse.rebuilds.check-interval}")
    void completeFinished() {
        for (AliasedReadModel model : models) {
            AliasedIndex.State state = model.index().state();
            if (!state.rebuilding() || state.rebuildUntilPosition() == null) {
                continue;
            }
            Optional<StreamingEventProcessor> processor = processing.eventProcessor(model.processingGroup(), StreamingEventProcessor.class);
            OptionalLong position = processor.map(IndexRebuilds::position).orElse(OptionalLong.empty());
            if (position.isPresent() && position.getAsLong() >= state.rebuildUntilPosition()) {
                model.index().completeRebuild().ifPresent(old -> log.info("Rebuilt {}: queries now read {} (took {}); dropped {}",
                        model.processingGroup(), state.writeIndex(),
                        state.rebuildStartedAt() == null ? "?" : Duration.between(state.rebuildStartedAt(), clock.instant()), old));
            }
        }
    }

    /** The lowest position of the processor's segments on this node; empty when it runs none here. */
    static OptionalLong position(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(segments.values().stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(o -> o.orElse(0)).min().orElse(0));
    }
}
