package com.retailpulse.infra.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.JourneyEnrollmentEndedEvent;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Consents;
import com.retailpulse.infra.support.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backtests on the real stack (docs/backtests.md): a journey runs live for four customers (hello, then a
 * reminder unless they order within 2 hours); a backtest of the same graph as a draft over that period,
 * sending nothing, enrolls the same four from the stored events, walks the same steps, finds the order that
 * ended the wait, and finds its own reminders colliding with the daily cap the live journey's two messages
 * already used. The published version backtests to the same result; bad requests are named.
 */
@IntegrationTest
class JourneyBacktestsTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore events;

    private final String run = Long.toString(System.nanoTime(), 36);

    @Test
    void a_draft_backtested_over_a_period_where_it_ran_live_enrolls_the_same_customers_and_meets_the_live_messages_caps()
            throws Exception {
        Api api = new Api(port);
        Instant from = Instant.now().minusSeconds(5);
        String live = "bt-live-" + run;
        String graph = """
                {"name":"Hello, then a reminder","trigger":{"type":"event","on":{"event":"custom:bt-%s"}},"start":"hello",
                 "nodes":[{"type":"send-message","id":"hello","channel":"inbox","title":"Hello","body":"Hello","next":"wait"},
                          {"type":"wait-for-event","id":"wait","event":{"event":"order"},"timeout":"PT2H","onEvent":"done","onTimeout":"reminder"},
                          {"type":"send-message","id":"reminder","channel":"inbox","title":"Still there?","body":"New in","next":"done"},
                          {"type":"exit","id":"done"}],
                 "reentry":{"policy":"never"},"priority":10}""".formatted(run);
        Api.Response published = api.putJson("/api/v1/journeys/" + live, Api.marketer(), graph);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        Thread.sleep(1200); // the trigger matcher's cache of journeys may be a second old

        List<CustomerId> c = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            c.add(customer("BT-" + i + "-" + run));
        }
        for (CustomerId id : c) {
            commands.sendAndWait(new RecordInteractionCommand(id, null, new CustomerInteraction.Custom("bt-" + id.value(), Instant.now(),
                    "app", "bt-" + run, Map.of())));
        }
        // c0 orders at once, inside the wait (recorded straight away: a load-slowed ingest could miss the wait); the
        // others get the reminder 2 hours later (12 s on the test's clock)
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(c.get(0), live) == 1);
        commands.sendAndWait(new RecordOrderCommand(c.get(0), null, "bt-o-" + run, Instant.now(), "CNY",
                List.of(new OrderLine("BT-1", "Backtest product", 1, new BigDecimal("42.00"))), "app", null));
        for (CustomerId id : c) {
            await().atMost(Duration.ofSeconds(60)).until(() -> ended(id));
        }
        assertThat(c.stream().mapToLong(id -> accepted(id, live)).sum()).as("live: 4 hellos, 3 reminders").isEqualTo(7);
        Instant to = Instant.now().plus(3, ChronoUnit.HOURS);

        // bad requests are named; auditors read but do not run
        Api.Response bad = api.postJson("/api/v1/journeys/backtests", Api.marketer(), """
                {"journey":"bt-draft-%s","graph":{"name":"x","trigger":{"type":"event","on":{"event":"login"}},"start":"nowhere",
                 "nodes":[{"type":"exit","id":"done"}]},"from":"%s","to":"%s","conversionWindow":"a week"}""".formatted(run, to, from));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("to: the period must end after it starts").contains("conversionWindow: a positive ISO-8601 duration")
                .contains("graph: ");
        String request = """
                {"journey":"bt-draft-%s","graph":%s,"from":"%s","to":"%s","conversionWindow":"P7D"}""".formatted(run, graph, from, to);
        assertThat(api.postJson("/api/v1/journeys/backtests", Api.auditor(), request).status()).isEqualTo(403);

        JsonNode draft = completed(api, api.postJson("/api/v1/journeys/backtests", Api.marketer(), request));
        assertThat(draft.get("draft").asBoolean()).isTrue();
        assertThat(draft.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(draft.get("eventsRead").asLong()).isPositive();
        JsonNode r = draft.get("result");
        assertThat(r.get("enrollments").asLong()).isEqualTo(4);
        assertThat(r.get("steps").get("hello").asLong()).isEqualTo(4);
        assertThat(r.get("steps").get("wait").asLong()).isEqualTo(4);
        assertThat(r.get("steps").get("reminder").asLong()).as("c0's order ended the wait").isEqualTo(3);
        assertThat(r.get("steps").get("done").asLong()).isEqualTo(4);
        JsonNode inbox = r.get("messages").get("inbox");
        assertThat(inbox.get("sent").asLong()).as("the hellos, the first message of each customer's day").isEqualTo(4);
        assertThat(inbox.get("suppressed").get("GLOBAL_DAILY_CAP").asLong())
                .as("each reminder would be a fourth message in 24 hours: the live hello and reminder and the simulated hello")
                .isEqualTo(3);
        assertThat(r.get("frequencyCapCollisions").asLong()).isEqualTo(3);
        JsonNode conversions = r.get("conversions");
        assertThat(conversions.get("customersMessaged").asLong()).isEqualTo(4);
        assertThat(conversions.get("orders").asLong()).isEqualTo(1);
        assertThat(conversions.get("revenue").get("CNY").asDouble()).isEqualTo(42.0);
        assertThat(r.get("outcomes").get("completed").asLong()).isEqualTo(4);
        assertThat(r.get("paths")).hasSize(4);

        // the published version over the same period reads the same events to the same result
        JsonNode version = completed(api, api.postJson("/api/v1/journeys/backtests", Api.marketer(), """
                {"journey":"%s","version":1,"from":"%s","to":"%s"}""".formatted(live, from, to)));
        assertThat(version.get("draft").asBoolean()).isFalse();
        assertThat(version.get("result").get("steps")).isEqualTo(r.get("steps"));
        assertThat(version.get("result").get("messages")).isEqualTo(r.get("messages"));
        assertThat(version.get("result").get("conversions")).isEqualTo(r.get("conversions"));

        assertThat(api.get("/api/v1/journeys/backtests?journey=" + live, Api.auditor()).json()).hasSize(1);
        assertThat(api.postJson("/api/v1/journeys/backtests/" + draft.get("id").asText() + "/cancel", Api.marketer(), "").status())
                .as("a completed backtest cannot be cancelled").isEqualTo(409);
        api.postJson("/api/v1/journeys/" + live + "/retire", Api.marketer(), "");
    }

    private static JsonNode completed(Api api, Api.Response started) {
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asText();
        JsonNode done = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(300))
                .until(() -> api.get("/api/v1/journeys/backtests/" + id, Api.marketer()).json(),
                        b -> !"QUEUED".equals(b.get("status").asText()) && !"RUNNING".equals(b.get("status").asText()));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        return done;
    }

    private CustomerId customer(String member) {
        return Consents.inAppMember(commands, member, "backtest-test");
    }

    private long accepted(CustomerId id, String journey) {
        return events.readEvents(id.value()).asStream().filter(m -> m.getPayload() instanceof MessageAcceptedEvent a
                && a.request().source().kind().equals(MessageSource.JOURNEY) && a.request().source().key().equals(journey)).count();
    }

    private boolean ended(CustomerId id) {
        return events.readEvents(id.value()).asStream().anyMatch(m -> m.getPayload() instanceof JourneyEnrollmentEndedEvent);
    }
}
