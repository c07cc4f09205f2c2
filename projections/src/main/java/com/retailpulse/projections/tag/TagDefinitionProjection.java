package com.retailpulse.projections.tag;

import com.retailpulse.contracts.tag.TagDefinedEvent;
import com.retailpulse.contracts.tag.TagRetiredEvent;
import com.retailpulse.projections.profile.ScenarioTags;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Keeps the scenario tags in force (in memory for the profile projection, in MongoDB for the API) current. */
@Component
@ProcessingGroup(TagDefinitionProjection.PROCESSING_GROUP)
public class TagDefinitionProjection {

    public static final String PROCESSING_GROUP = "tag-definitions";

    private final TagDefinitionStore store;
    private final ScenarioTags scenarios;

    public TagDefinitionProjection(TagDefinitionStore store, ScenarioTags scenarios) {
        this.store = store;
        this.scenarios = scenarios;
    }

    @EventHandler
    void on(TagDefinedEvent event) {
        store.defined(event);
        scenarios.define(new ScenarioTags.Definition(event.key().value(), event.version(), event.condition()));
    }

    @EventHandler
    void on(TagRetiredEvent event) {
        store.retired(event);
        scenarios.retire(event.key().value());
    }

    @ResetHandler
    void reset() {
        store.clear();
        scenarios.clear();
    }
}
