package com.retailpulse.infra.journeys;

import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.EnrollInJourneyCommand;
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
        String name = Trigger.causeOf(event);
        if (name == null) {
            return;
        }
        Instant at = CustomerEvent.timeOf(event, clock.instant());
        CompletableFuture<?>[] sent = catalogue.active().stream()
                .filter(journey -> journey.graph().trigger().enrolledBy(event))
                .map(journey -> commands.send(new EnrollInJourneyCommand(event.customerId(), journey.key(), journey.version(),
                        UUID.nameUUIDFromBytes((journey.key() + "|" + eventId).getBytes(StandardCharsets.UTF_8)).toString(),
                        journey.graph().reentry(), name, at)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(sent).join();
    }
}
