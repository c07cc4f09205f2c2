package com.retailpulse.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.RecordConsentCommand;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Why did this customer get this message?" on the real stack (docs/audit.md): a journey triggered by a custom
 * event sends an inbox message; the auditor's answer walks from that event, through the enrollment and the
 * journey version's step, and the consent in force, to the decision and the delivery, each step naming the
 * stored event it rests on.
 */
@IntegrationTest
class MessageExplanationsTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore events;

    @Test
    void the_auditor_sees_the_chain_from_the_trigger_to_the_delivery() throws Exception {
        Api api = new Api(port);
        String run = Long.toString(System.nanoTime(), 36);
        String key = "audit-why-" + run;
        Api.Response published = api.putJson("/api/v1/journeys/" + key, Api.marketer(), """
                {"name": "Wishlist thanks", "trigger": {"type": "event", "on": {"event": "custom:wishlist-%s"}},
                 "start": "thanks",
                 "nodes": [
                   {"type": "send-message", "id": "thanks", "channel": "inbox", "title": "Thanks",
                    "body": "Thanks for your wish, {{customer.id}}.", "next": "done"},
                   {"type": "exit", "id": "done"}],
                 "reentry": {"policy": "never"}, "priority": 10}""".formatted(run));
        assertThat(published.status()).as(published.body()).isLessThan(300);
        Thread.sleep(1200); // the trigger matcher's cache of journeys may be a second old

        CustomerIdentifier member = CustomerIdentifier.parse("member:AUD-" + run);
        CustomerId id = CustomerId.firstSeenAs(member);
        commands.sendAndWait(new RecordConsentCommand(id, member, new ConsentStatement(ConsentChannel.IN_APP, ConsentPurpose.MARKETING,
                true, Instant.now().minus(1, ChronoUnit.DAYS)), "crm-test"));
        String interactionId = "wish-" + run;
        commands.sendAndWait(new RecordInteractionCommand(id, null, new CustomerInteraction.Custom(interactionId, Instant.now(), "app",
                "wishlist-" + run, Map.of("sku", "85123A"))));

        String messageId = await().atMost(Duration.ofSeconds(60)).until(() -> accepted(id), m -> m != null);
        await().atMost(Duration.ofSeconds(60)).until(() -> history(id).stream()
                .anyMatch(m -> m.getPayloadType().getSimpleName().equals("MessageDeliveredEvent")));
        String triggerEventId = history(id).stream()
                .filter(m -> m.getPayloadType().getSimpleName().equals("CustomEventRecordedEvent")).findFirst().orElseThrow()
                .getIdentifier();

        String path = "/api/v1/audit/customers/" + id.value() + "/messages/" + messageId;
        assertThat(api.get(path, Api.marketer()).status()).isEqualTo(403);
        assertThat(api.get(path, Api.analyst()).status()).isEqualTo(403);
        Api.Response why = api.get(path, Api.auditor());
        assertThat(why.status()).as(why.body()).isEqualTo(200);
        JsonNode answer = why.json();
        assertThat(answer.get("outcome").asText()).isEqualTo("accepted");
        assertThat(answer.at("/source/key").asText()).isEqualTo(key);
        List<String> kinds = new ArrayList<>();
        answer.get("chain").forEach(step -> kinds.add(step.get("kind").asText()));
        assertThat(kinds).containsExactly("trigger", "enrolled", "journey-version", "consent", "accepted", "delivered");
        JsonNode chain = answer.get("chain");
        assertThat(chain.get(0).get("eventId").asText()).as("the stored event that started it").isEqualTo(triggerEventId);
        assertThat(chain.get(0).get("event").asText()).isEqualTo("CustomEventRecordedEvent");
        assertThat(chain.get(1).get("says").asText()).contains("journey '" + key + "' version 1");
        assertThat(chain.get(2).at("/detail/id").asText()).as("the step of that version that sent it").isEqualTo("thanks");
        assertThat(chain.get(2).get("says").asText()).contains("has step 'thanks'");
        assertThat(chain.get(3).get("says").asText()).contains("Marketing consent on in-app").contains("crm-test");
        assertThat(chain.get(4).get("says").asText()).contains("Accepted").contains("inbox");

        assertThat(api.get("/api/v1/audit/customers/" + id.value() + "/messages/no-such-message", Api.auditor()).status())
                .isEqualTo(404);
        api.postJson("/api/v1/journeys/" + key + "/retire", Api.marketer(), "");
    }

    private List<DomainEventMessage<?>> history(CustomerId id) {
        List<DomainEventMessage<?>> read = new ArrayList<>();
        events.readEvents(id.value()).asStream().forEach(read::add);
        return read;
    }

    private String accepted(CustomerId id) {
        return history(id).stream().map(DomainEventMessage::getPayload).filter(MessageAcceptedEvent.class::isInstance)
                .map(p -> ((MessageAcceptedEvent) p).request().messageId().value()).findFirst().orElse(null);
    }
}
