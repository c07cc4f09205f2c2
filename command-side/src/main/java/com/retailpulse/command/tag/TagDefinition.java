package com.retailpulse.command.tag;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.tag.DefineTagCommand;
import com.retailpulse.contracts.tag.RetireTagCommand;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.contracts.tag.TagDefinedEvent;
import com.retailpulse.contracts.tag.TagKey;
import com.retailpulse.contracts.tag.TagRetiredEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.time.Clock;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A scenario tag declared as data, with its versions: every change is a new version, kept in its history. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
@AggregateRoot
public class TagDefinition {

    @AggregateIdentifier
    @Identity
    private TagKey key;
    private int version;
    private String name;
    private String description;
    private TagCondition condition;
    private boolean retired;

    protected TagDefinition() {
        // for Axon
    }

    /** @return the version in force after the command */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(DefineTagCommand command, Clock clock) {
        boolean unchanged = key != null && !retired && Objects.equals(name, command.name())
                && Objects.equals(description, command.description()) && Objects.equals(condition, command.condition());
        if (unchanged) {
            return version;
        }
        apply(new TagDefinedEvent(command.key(), version + 1, command.name(), command.description(), command.condition(),
                clock.instant()));
        return version;
    }

    /** @return true when the tag was in force and is now retired */
    @CommandHandler
    public boolean handle(RetireTagCommand command, Clock clock) {
        if (retired) {
            return false;
        }
        apply(new TagRetiredEvent(key, version, command.reason(), clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(TagDefinedEvent event) {
        key = event.key();
        version = event.version();
        name = event.name();
        description = event.description();
        condition = event.condition();
        retired = false;
    }

    @EventSourcingHandler
    void on(TagRetiredEvent event) {
        retired = true;
    }
}
