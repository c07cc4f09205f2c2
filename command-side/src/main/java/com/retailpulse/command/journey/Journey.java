package com.retailpulse.command.journey;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyPausedEvent;
import com.retailpulse.contracts.journey.JourneyPublishedEvent;
import com.retailpulse.contracts.journey.JourneyResumedEvent;
import com.retailpulse.contracts.journey.JourneyRetiredEvent;
import com.retailpulse.contracts.journey.PauseJourneyCommand;
import com.retailpulse.contracts.journey.PublishJourneyCommand;
import com.retailpulse.contracts.journey.ResumeJourneyCommand;
import com.retailpulse.contracts.journey.RetireJourneyCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.time.Clock;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A journey: its versions (each a checked graph) and whether it takes new customers (docs/journeys.md).
 * Runs in flight keep the version they entered; a retired journey is never published again.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
@AggregateRoot
public class Journey {

    enum State { ACTIVE, PAUSED, RETIRED }

    @AggregateIdentifier
    @Identity
    private JourneyKey journey;
    private int version;
    private JourneyGraph graph;
    private State state;

    protected Journey() {
        // for Axon
    }

    /** @return the version in service after the command */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(PublishJourneyCommand command, Clock clock) {
        if (state == State.RETIRED) {
            throw new JourneyRuleViolation(List.of("journey " + command.journey() + " is retired; publish it under a new key"));
        }
        List<String> problems = JourneyGraphCheck.problems(command.graph());
        if (!problems.isEmpty()) {
            throw new JourneyRuleViolation(problems);
        }
        if (command.graph().equals(graph)) {
            return version;
        }
        apply(new JourneyPublishedEvent(command.journey(), version + 1, command.graph(), clock.instant()));
        return version;
    }

    @CommandHandler
    public void handle(PauseJourneyCommand command, Clock clock) {
        require(State.ACTIVE, "pause");
        apply(new JourneyPausedEvent(journey, clock.instant()));
    }

    @CommandHandler
    public void handle(ResumeJourneyCommand command, Clock clock) {
        require(State.PAUSED, "resume");
        apply(new JourneyResumedEvent(journey, clock.instant()));
    }

    @CommandHandler
    public void handle(RetireJourneyCommand command, Clock clock) {
        if (state == State.RETIRED) {
            return;
        }
        apply(new JourneyRetiredEvent(journey, clock.instant()));
    }

    private void require(State wanted, String action) {
        if (state != wanted) {
            throw new JourneyRuleViolation(List.of("journey " + journey + " is " + state.name().toLowerCase()
                    + "; only " + wanted.name().toLowerCase() + " journeys can " + action));
        }
    }

    @EventSourcingHandler
    void on(JourneyPublishedEvent event) {
        journey = event.journey();
        version = event.version();
        graph = event.graph();
        if (state == null) {
            state = State.ACTIVE;
        }
    }

    @EventSourcingHandler
    void on(JourneyPausedEvent event) {
        state = State.PAUSED;
    }

    @EventSourcingHandler
    void on(JourneyResumedEvent event) {
        state = State.ACTIVE;
    }

    @EventSourcingHandler
    void on(JourneyRetiredEvent event) {
        state = State.RETIRED;
    }
}
