package com.retailpulse.projections.tag;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.retailpulse.contracts.tag.TagDefinedEvent;
import com.retailpulse.contracts.tag.TagRetiredEvent;
import com.retailpulse.projections.definition.ConditionDefinitionStore;
import com.retailpulse.projections.profile.ScenarioTags;

/** MongoDB {@code tag_definitions}: each scenario tag's current version, condition and state. */
public class TagDefinitionStore extends ConditionDefinitionStore {

    public static final String COLLECTION = "tag_definitions";

    public TagDefinitionStore(MongoDatabase database, ObjectMapper json) {
        super(database, COLLECTION, "tag", json);
    }

    void defined(TagDefinedEvent event) {
        defined(event.key().value(), event.version(), event.name(), event.description(), event.condition(), event.definedAt());
    }

    void retired(TagRetiredEvent event) {
        retired(event.key().value(), event.retiredAt());
    }

    @Override // visible to the projection of this package, which clears it on a replay
    protected void clear() {
        super.clear();
    }

    /** Fills the in-memory registry at start, before the projection catches up. */
    public void loadInto(ScenarioTags scenarios) {
        inForce().forEach(d -> scenarios.define(new ScenarioTags.Definition(d.key(), d.version(), d.condition())));
    }
}
