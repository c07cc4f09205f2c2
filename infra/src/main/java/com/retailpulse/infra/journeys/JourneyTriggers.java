package com.retailpulse.infra.journeys;

import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.CustomerInteractionEvent;
import com.retailpulse.contracts.customer.EnrollInJourneyCommand;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.SegmentEnteredEvent;
import com.retailpulse.contracts.journey.EventSpec;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.projections.journey.JourneyCatalogue;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Enrolls customers in the journeys their events trigger (docs/journeys.md). The enrollment id is derived
 * from the journey and the triggering event, so an event handled twice enrolls once; the customer decides
 * re-entry. Starts at the head of the stream: publishing a journey never enrolls on the past.
 */
@Component
@ProcessingGroup(JourneyTriggers.PROCESSING_GROUP)
class JourneyTriggers {

    static final String PROCESSING_GROUP = "journey-triggers";

    private final JourneyCatalogue catalogue;
    private final CommandGateway commands;
    private final Clock clock;

    JourneyTriggers(JourneyCatalogue catalogue, CommandGateway commands, Clock clock) {
        this.catalogue = catalogue;
        this.commands = commands;
        this.clock = clock;
    }

    @EventHandler
    void on(CustomerEvent event, @MessageIdentifier String eventId) {
        String name = event instanceof SegmentEnteredEvent entered ? "segment-entry:" + entered.segment() : EventSpec.nameOf(event);
        if (name == null) {
            return;
        }
        Instant at = occurredAt(event);
        CompletableFuture<?>[] sent = catalogue.active().stream()
                .filter(journey -> triggers(journey.graph().trigger(), event))
                .map(journey -> commands.send(new EnrollInJourneyCommand(event.customerId(), journey.key(), journey.version(),
                        UUID.nameUUIDFromBytes((journey.key() + "|" + eventId).getBytes(StandardCharsets.UTF_8)).toString(),
                        journey.graph().reentry(), name, at)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sent).join();
    }

    private static boolean triggers(Trigger trigger, CustomerEvent event) {
        if (trigger instanceof Trigger.OnEvent on) {
            return on.on().matches(event);
        }
        return trigger instanceof Trigger.OnSegmentEntry entry && event instanceof SegmentEnteredEvent entered
                && entry.segment().equals(entered.segment());
    }

    /** The customer's time of the event; the platform's clock for events whose time is the recording. */
    private Instant occurredAt(CustomerEvent event) {
        if (event instanceof CustomerInteractionEvent interaction) {
            return interaction.occurredAt();
        } else if (event instanceof OrderPlacedEvent order) {
            return order.placedAt();
        } else if (event instanceof OrderCancelledEvent cancel) {
            return cancel.cancelledAt();
        } else if (event instanceof SegmentEnteredEvent entered) {
            return entered.enteredAt();
        }
        return clock.instant();
    }
}
