package com.retailpulse.projections.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.retailpulse.contracts.segment.SegmentDefinedEvent;
import com.retailpulse.contracts.segment.SegmentRetiredEvent;
import com.retailpulse.projections.definition.ConditionDefinitionStore;
import com.retailpulse.projections.profile.Segments;

/** MongoDB {@code segment_definitions}: each segment's current version, condition and state. */
public class SegmentDefinitionStore extends ConditionDefinitionStore {

    public static final String COLLECTION = "segment_definitions";

    public SegmentDefinitionStore(MongoDatabase database, ObjectMapper json) {
        super(database, COLLECTION, "segment", json);
    }

    void defined(SegmentDefinedEvent event) {
        defined(event.key().value(), event.version(), event.name(), event.description(), event.condition(), event.definedAt());
    }

    void retired(SegmentRetiredEvent event) {
        retired(event.key().value(), event.retiredAt());
    }

    @Override // visible to the projection of this package, which clears it on a replay
    protected void clear() {
        super.clear();
    }

    /** Fills the in-memory registry at start, before the projection catches up. */
    public void loadInto(Segments segments) {
        inForce().forEach(d -> segments.define(new Segments.Definition(d.key(), d.version(), d.name(), d.condition())));
    }
}
