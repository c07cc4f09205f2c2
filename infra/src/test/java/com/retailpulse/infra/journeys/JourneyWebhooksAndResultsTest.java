package com.retailpulse.infra.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.common.Assignment;
import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.RecordConsentCommand;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyWebhookRequestedEvent;
import com.retailpulse.infra.channels.SignedWebhookPost;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.sun.net.httpserver.HttpServer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Journey webhook steps and journey results on the real stack (docs/journeys.md): a signed call with its
 * idempotency key, retried through a 503 and never sent twice, a dead letter listed and retried through
 * the API; and a split whose one branch orders while the other does not, reported per step and branch.
 * The webhook endpoints are added to the allow-list at run time (a local server on a free port), not by a
 * property of the shared test context.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyWebhooksAndResultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "journey-webhook-test-secret";

    record Received(String path, String signature, String idempotencyKey, byte[] body) {
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JourneyWebhookEndpoints endpoints;
    @Autowired
    JourneyWebhooks webhooks;

    private final String run = Long.toString(System.nanoTime(), 36);
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    /** Per path, statuses to answer before 200. */
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private Api api;
    private HttpServer server;

    @BeforeAll
    void start() throws Exception {
        api = new Api(port);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("X-RetailPulse-Signature"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
            AtomicInteger left = failuresLeft.get(path);
            int status = left != null && left.getAndDecrement() > 0 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        endpoints.register("crm-" + run, new JourneyWebhookSettings.Endpoint(base + "/crm", SECRET, Duration.ofSeconds(2)));
        endpoints.register("down-" + run, new JourneyWebhookSettings.Endpoint(base + "/down", SECRET, Duration.ofSeconds(2)));
        for (String group : List.of("journey-triggers", "JourneyRunProcessor", "journey-webhooks", "journey-results")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> processing.eventProcessor(group, StreamingEventProcessor.class)
                    .map(p -> !p.processingStatus().isEmpty()).orElse(false));
        }
    }

    @AfterAll
    void stop() {
        server.stop(0);
    }

    private void publish(String key, String graph) throws InterruptedException {
        Api.Response published = api.putJson("/api/v1/journeys/" + key, Api.marketer(), graph);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        Thread.sleep(1200); // the trigger matcher's cache of journeys may be a second old
    }

    private CustomerId customer(String name) {
        CustomerIdentifier member = CustomerIdentifier.parse("member:W-" + name + "-" + run);
        CustomerId id = CustomerId.firstSeenAs(member);
        commands.sendAndWait(new RecordConsentCommand(id, member, new ConsentStatement(ConsentChannel.APP_PUSH, ConsentPurpose.MARKETING, true,
                Instant.now().minus(1, ChronoUnit.DAYS)), "test"));
        return id;
    }

    private void custom(CustomerId id, String event) {
        commands.sendAndWait(new RecordInteractionCommand(id, null, new CustomerInteraction.Custom(event + "-" + id.value(), Instant.now(),
                "app", event, Map.of())));
    }

    private List<Received> at(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    @Test
    void a_webhook_step_posts_a_signed_body_once_through_a_retry_and_a_redelivered_request_sends_nothing() throws Exception {
        String key = "hook-" + run;
        String event = "hook-" + run;
        Api.Response refused = api.putJson("/api/v1/journeys/" + key, Api.marketer(), hookGraph(event, "nowhere-" + run));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("node 'tell-crm': endpoint: no webhook endpoint 'nowhere-" + run + "' is configured");

        failuresLeft.put("/crm", new AtomicInteger(1)); // the first attempt gets a 503
        publish(key, hookGraph(event, "crm-" + run));
        CustomerId ann = customer("ann");
        custom(ann, event);

        List<Received> calls = await().atMost(Duration.ofSeconds(60)).until(() -> at("/crm"), l -> l.size() >= 2);
        Received first = calls.get(0);
        Received second = calls.get(1);
        assertThat(second.idempotencyKey()).isEqualTo(first.idempotencyKey()).startsWith("journey:").endsWith(":tell-crm:0");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.signature()).isEqualTo(SignedWebhookPost.signature(SECRET, second.body()));
        assertThat(second.signature()).isNotEqualTo(SignedWebhookPost.signature("another-secret-of-some-length", second.body()));
        JsonNode body = JSON.readTree(second.body());
        assertThat(body.get("id").asText()).isEqualTo(second.idempotencyKey());
        assertThat(body.get("customerId").asText()).isEqualTo(ann.value());
        assertThat(body.get("journey").asText()).isEqualTo(key);
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("step").asText()).isEqualTo("tell-crm");
        assertThat(body.get("trigger").asText()).isEqualTo("custom:" + event);
        assertThat(body.get("run").asText()).isEqualTo(second.idempotencyKey().split(":")[1]);
        assertThat(body.get("profile").has("member.tier")).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.find(second.idempotencyKey()).map(JourneyWebhooks.Delivery::status)
                .orElse(null), "DELIVERED"::equals);
        assertThat(webhooks.find(second.idempotencyKey()).orElseThrow().attempts()).isEqualTo(2);

        // The request handled again (a redelivery after a crash): claimed before, nothing sent
        webhooks.on(new JourneyWebhookRequestedEvent(second.idempotencyKey(), ann, new JourneyKey(key), 1, body.get("run").asText(), "tell-crm",
                "crm-" + run, List.of("member.tier"), "custom:" + event, Instant.now(), Instant.now()));
        Thread.sleep(2000);
        assertThat(at("/crm")).hasSize(2);
    }

    @Test
    void a_call_failing_after_every_attempt_is_a_dead_letter_until_a_retry_delivers_it_once() throws Exception {
        String key = "down-" + run;
        String event = "down-" + run;
        failuresLeft.put("/down", new AtomicInteger(1_000));
        publish(key, hookGraph(event, "down-" + run));
        CustomerId bob = customer("bob");
        custom(bob, event);

        JsonNode letter = await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode l : api.get("/api/v1/journeys/webhooks/dead-letters", Api.auditor()).json()) {
                if (l.get("journey").asText().equals(key)) {
                    return l;
                }
            }
            return null;
        }, l -> l != null);
        String id = letter.get("id").asText();
        assertThat(letter.get("status").asText()).isEqualTo("DEAD");
        assertThat(letter.get("reason").asText()).contains("503").contains("gave up after 5 attempts");
        assertThat(letter.get("customerId").asText()).isEqualTo(bob.value());
        assertThat(at("/down")).hasSize(5);

        assertThat(api.postJson("/api/v1/journeys/webhooks/dead-letters/" + id + "/retry", Api.analyst(), "").status()).isEqualTo(403);
        failuresLeft.get("/down").set(0);
        Api.Response retried = api.postJson("/api/v1/journeys/webhooks/dead-letters/" + id + "/retry", Api.marketer(), "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("status").asText()).isEqualTo("DELIVERED");
        assertThat(at("/down")).hasSize(6);
        assertThat(at("/down").get(5).idempotencyKey()).isEqualTo(id);
        Api.Response again = api.postJson("/api/v1/journeys/webhooks/dead-letters/" + id + "/retry", Api.marketer(), "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(at("/down")).hasSize(6);
        assertThat(api.get("/api/v1/journeys/webhooks/dead-letters", Api.auditor()).json().findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void the_report_counts_runs_per_step_and_compares_the_branch_that_ordered_with_the_control() throws Exception {
        String key = "ab-" + run;
        String event = "ab-" + run;
        publish(key, """
                {"name":"A/B with a goal","trigger":{"type":"event","on":{"event":"custom:%s"}},"start":"split",
                 "nodes":[
                   {"type":"split","id":"split","branches":[{"key":"control","weight":1,"next":"wait"},{"key":"b","weight":1,"next":"wait"}]},
                   {"type":"wait","id":"wait","duration":"PT24H","next":"done"},
                   {"type":"exit","id":"done"}],
                 "goal":{"event":"order"},"reentry":{"policy":"never"},"priority":10}
                """.formatted(event));
        List<Assignment.Arm> arms = List.of(new Assignment.Arm("control", 1), new Assignment.Arm("b", 1));
        List<CustomerId> control = new ArrayList<>();
        List<CustomerId> b = new ArrayList<>();
        for (int i = 0; control.size() < 3 || b.size() < 3; i++) {
            CustomerIdentifier member = CustomerIdentifier.parse("member:W-ab" + i + "-" + run);
            CustomerId id = CustomerId.firstSeenAs(member);
            List<CustomerId> arm = Assignment.arm(key + ":split", id.value(), 0, arms).equals("b") ? b : control;
            if (arm.size() < 3) {
                arm.add(customer("ab" + i));
            }
        }
        for (CustomerId id : concat(control, b)) {
            custom(id, event);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> report(key).at("/nodes/0/reached").asInt() == 6);
        for (CustomerId id : b) {
            commands.sendAndWait(new RecordOrderCommand(id, null, "order-" + id.value(), Instant.now(), "CNY",
                    List.of(new OrderLine("sku-tea", "Tea", 1, new BigDecimal("40"))), "app", null));
        }
        JsonNode report = await().atMost(Duration.ofSeconds(60)).until(() -> report(key),
                r -> r.at("/splits/0/arms/1/goalReached").asInt() == 3 && r.at("/splits/0/arms/1/orders").asInt() == 3);

        assertThat(report.get("entered").asInt()).isEqualTo(6);
        assertThat(report.get("inFlight").asInt()).isEqualTo(3);
        assertThat(report.at("/outcomes/goal").asInt()).isEqualTo(3);
        assertThat(report.at("/nodes/0/id").asText()).isEqualTo("split");
        assertThat(report.at("/nodes/1/id").asText()).isEqualTo("wait");
        assertThat(report.at("/nodes/1/reached").asInt()).isEqualTo(6);
        assertThat(report.at("/nodes/1/waiting").asInt()).isEqualTo(3); // the control's runs; b's reached their goal
        assertThat(report.at("/nodes/2/reached").asInt()).isZero();
        JsonNode split = report.at("/splits/0");
        assertThat(split.get("control").asText()).isEqualTo("control");
        assertThat(split.at("/arms/0/arm").asText()).isEqualTo("control");
        assertThat(split.at("/arms/0/entered").asInt()).isEqualTo(3);
        assertThat(split.at("/arms/0/converted").asInt()).isZero();
        assertThat(split.at("/arms/0/orders").asInt()).isZero();
        assertThat(split.at("/arms/1/arm").asText()).isEqualTo("b");
        assertThat(split.at("/arms/1/entered").asInt()).isEqualTo(3);
        assertThat(split.at("/arms/1/converted").asInt()).isEqualTo(3);
        assertThat(split.at("/arms/1/conversionRate").asDouble()).isEqualTo(1.0);
        assertThat(split.at("/arms/1/revenue/amount").decimalValue()).isEqualByComparingTo("120");
        assertThat(split.at("/arms/1/revenue/currency").asText()).isEqualTo("CNY");
        assertThat(split.at("/experiment/control").asText()).isEqualTo("control");
        assertThat(split.at("/experiment/comparisons").findValuesAsText("arm")).contains("b");
        assertThat(split.at("/experiment/decision/rule").asText()).contains("always-valid p-value");

        assertThat(api.get("/api/v1/journeys/" + key + "/report", Api.auditor()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/journeys/" + key + "/report?currency=yen", Api.analyst()).body()).contains("currency: a 3-letter ISO-4217 code");
        assertThat(api.get("/api/v1/journeys/" + key + "/report", Api.ingest()).status()).isEqualTo(403);
        // the control's runs still wait 24 (scaled) hours: take them out
        assertThat(api.postJson("/api/v1/journeys/" + key + "/retire", Api.marketer(), "").status()).isEqualTo(200);
    }

    private JsonNode report(String key) {
        Api.Response response = api.get("/api/v1/journeys/" + key + "/report", Api.analyst());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<CustomerId> concat(List<CustomerId> a, List<CustomerId> b) {
        List<CustomerId> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String hookGraph(String event, String endpoint) {
        return """
                {"name":"Tell the CRM","trigger":{"type":"event","on":{"event":"custom:%s"}},"start":"tell-crm",
                 "nodes":[
                   {"type":"call-webhook","id":"tell-crm","endpoint":"%s","fields":["member.tier"],"next":"done"},
                   {"type":"exit","id":"done"}],
                 "reentry":{"policy":"never"},"priority":10}
                """.formatted(event, endpoint);
    }
}
