package com.retailpulse.projections.segment;

import com.retailpulse.contracts.segment.SegmentDefinedEvent;
import com.retailpulse.contracts.segment.SegmentRetiredEvent;
import com.retailpulse.projections.profile.Segments;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Keeps the segments in force (in memory for the profile projection, in MongoDB for the API) current. */
@Component
@ProcessingGroup(SegmentDefinitionProjection.PROCESSING_GROUP)
public class SegmentDefinitionProjection {

    public static final String PROCESSING_GROUP = "segment-definitions";

    private final SegmentDefinitionStore store;
    private final Segments segments;

    public SegmentDefinitionProjection(SegmentDefinitionStore store, Segments segments) {
        this.store = store;
        this.segments = segments;
    }

    @EventHandler
    void on(SegmentDefinedEvent event) {
        store.defined(event);
        segments.define(new Segments.Definition(event.key().value(), event.version(), event.name(), event.condition()));
    }

    @EventHandler
    void on(SegmentRetiredEvent event) {
        store.retired(event);
        segments.retire(event.key().value());
    }

    @ResetHandler
    void reset() {
        store.clear();
        segments.clear();
    }
}
