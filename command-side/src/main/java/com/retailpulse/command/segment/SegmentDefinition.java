package com.retailpulse.command.segment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.segment.DefineSegmentCommand;
import com.retailpulse.contracts.segment.RetireSegmentCommand;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.contracts.segment.SegmentDefinedEvent;
import com.retailpulse.contracts.segment.SegmentKey;
import com.retailpulse.contracts.segment.SegmentRetiredEvent;
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

/** A segment declared as data, with its versions: every change is a new version, so a membership can name the version that made it. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
@AggregateRoot
public class SegmentDefinition {

    @AggregateIdentifier
    @Identity
    private SegmentKey key;
    private int version;
    private String name;
    private String description;
    private TagCondition condition;
    private boolean retired;

    protected SegmentDefinition() {
        // for Axon
    }

    /** @return the version in force after the command */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(DefineSegmentCommand command, Clock clock) {
        boolean unchanged = key != null && !retired && Objects.equals(name, command.name())
                && Objects.equals(description, command.description()) && Objects.equals(condition, command.condition());
        if (unchanged) {
            return version;
        }
        apply(new SegmentDefinedEvent(command.key(), version + 1, command.name(), command.description(), command.condition(),
                clock.instant()));
        return version;
    }

    /** @return true when the segment was in force and is now retired */
    @CommandHandler
    public boolean handle(RetireSegmentCommand command, Clock clock) {
        if (retired) {
            return false;
        }
        apply(new SegmentRetiredEvent(key, version, command.reason(), clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(SegmentDefinedEvent event) {
        key = event.key();
        version = event.version();
        name = event.name();
        description = event.description();
        condition = event.condition();
        retired = false;
    }

    @EventSourcingHandler
    void on(SegmentRetiredEvent event) {
        retired = true;
    }
}
