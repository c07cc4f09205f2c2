package com.retailpulse.infra.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * {@code retailpulse_processor_lag_events{processor=...}}: how many events each streaming processor
 * is behind the head of the event store (max over its segments); 0 when caught up.
 */
@Component
class ProcessorLagMetrics {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry registry;

    ProcessorLagMetrics(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry registry) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("retailpulse.processor.lag", streaming, this::lag)
                        .description("Events the processor is behind the head of the event store")
                        .baseUnit("events")
                        .tag("processor", name)
                        .register(registry);
            }
        });
    }

    private double lag(StreamingEventProcessor processor) {
        OptionalLong head = position(eventStore.createHeadToken());
        if (head.isEmpty()) {
            return 0;
        }
        long headPosition = head.getAsLong();
        // A segment that has processed nothing yet is a whole store behind (positions start at 0).
        return processor.processingStatus().values().stream()
                .mapToLong(status -> Math.max(0, headPosition - status.getCurrentPosition().orElse(-1)))
                .max().orElse(headPosition + 1);
    }

    private static OptionalLong position(TrackingToken token) {
        if (token == null) {
            return OptionalLong.empty();
        }
        return token.position();
    }
}
