package com.retailpulse.infra.replay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Map;

/**
 * Read models are disposable: {@code POST /api/v1/admin/replays/{processor}} (ADMIN) empties one (its
 * reset handler) and rebuilds it by replaying every event from the start — or, for a read model behind an
 * index alias ({@link IndexRebuilds}), replays into a new index while the old one keeps serving;
 * {@code GET /api/v1/admin/replays/{processor}} shows how far it got. {@code GET /api/v1/admin/replays}
 * lists the processors.
 */
@RestController
@RequestMapping("/api/v1/admin/replays")
class ReplayController {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final IndexRebuilds rebuilds;

    ReplayController(EventProcessingConfiguration processing, EventStore eventStore, IndexRebuilds rebuilds) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.rebuilds = rebuilds;
    }

    /**
     * {@code percent}: share of the event store replayed so far (100 when caught up and not replaying).
     * {@code rebuild}: for a read model behind an index alias (ADR 0024), the index queries read and the one
     * being written; null for the others.
     */
    record ReplayView(String processor, boolean replaying, long position, long head, double percent, int segments,
                      IndexRebuilds.RebuildView rebuild) {
    }

    @GetMapping
    List<ReplayView> all() {
        return processing.eventProcessors().keySet().stream().sorted().map(this::status).toList();
    }

    @GetMapping("/{processor}")
    ReplayView status(@PathVariable String processor) {
        StreamingEventProcessor p = find(processor);
        Map<Integer, EventTrackerStatus> segments = p.processingStatus();
        long head = StoreReading.head(eventStore);
        long position = segments.values().stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(o -> o.orElse(0)).min().orElse(0);
        // A processor stays "replaying" until an event newer than the reset arrives: caught up is done.
        boolean replaying = position < head && segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
        double percent = head <= 0 ? 100 : Math.min(100, Math.round(1000.0 * position / head) / 10.0);
        IndexRebuilds.RebuildView rebuild = rebuilds.of(processor).map(m -> rebuilds.view(m, p)).orElse(null);
        return new ReplayView(processor, replaying, position, head, segments.isEmpty() ? 0 : percent, segments.size(), rebuild);
    }

    @PostMapping("/{processor}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ReplayView replay(@PathVariable String processor) {
        StreamingEventProcessor p = find(processor);
        if (!p.supportsReset()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, processor + " cannot be replayed");
        }
        var aliased = rebuilds.of(processor);
        if (aliased.isPresent()) {
            // Into a new index behind the write alias; the old one serves until the new one is complete.
            try {
                rebuilds.start(aliased.get(), p);
            } catch (IllegalStateException e) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
            }
            return status(processor);
        }
        p.shutDown();
        p.resetTokens();
        p.start();
        return status(processor);
    }

    private StreamingEventProcessor find(String processor) {
        return processing.eventProcessor(processor, StreamingEventProcessor.class)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no event processor '" + processor
                        + "'; known: " + processing.eventProcessors().keySet()));
    }

}
