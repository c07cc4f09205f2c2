package com.retailpulse.infra.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.MessageDeliveredEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Consents;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Attribution by replay on the real stack (docs/attribution.md): two journeys reach six customers with one,
 * two or three messages, three of them order; an analyst's definition credits the journey steps under all
 * six models, each checked against a calculation in this test straight from the customers' stored events;
 * a rerun replays the same events to the same bits, while a new run after a further order sees it.
 */
@IntegrationTest
class AttributionRunsTest {

    private static final String A = "{\"type\":\"send-message\",\"id\":\"%s\",\"channel\":\"inbox\",\"title\":\"%s\",\"body\":\"%s\",\"next\":\"%s\"}";

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore events;

    private final String run = Long.toString(System.nanoTime(), 36);

    @Test
    void every_model_credits_the_journey_steps_as_an_independent_calculation_does_and_a_rerun_gives_the_same_bits() throws Exception {
        Api api = new Api(port);
        Instant started = Instant.now().minusSeconds(5);
        String welcome = "attr-w-" + run;
        String nudge = "attr-n-" + run;
        publish(api, welcome, """
                {"name":"Welcome series","trigger":{"type":"event","on":{"event":"custom:welcome-%s"}},"start":"hello",
                 "nodes":[%s,{"type":"wait","id":"pause","duration":"PT10M","next":"reminder"},%s,{"type":"exit","id":"done"}],
                 "reentry":{"policy":"never"},"priority":10}""".formatted(run,
                A.formatted("hello", "Welcome", "Hello", "pause"), A.formatted("reminder", "Reminder", "Still there?", "done")));
        publish(api, nudge, """
                {"name":"Nudge","trigger":{"type":"event","on":{"event":"custom:nudge-%s"}},"start":"nudge",
                 "nodes":[%s,{"type":"exit","id":"done"}],"reentry":{"policy":"never"},"priority":10}""".formatted(run,
                A.formatted("nudge", "Nudge", "New in", "done")));

        List<CustomerId> c = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            c.add(customer("ATTR-" + i + "-" + run));
        }
        // c0..c3 get the welcome series (hello, then reminder); afterwards c2..c5 get the nudge; c6 gets nothing
        for (int i = 0; i <= 3; i++) {
            custom(c.get(i), "welcome-" + run);
        }
        for (int i = 0; i <= 3; i++) {
            awaitDelivered(c.get(i), 2);
        }
        for (int i = 2; i <= 5; i++) {
            custom(c.get(i), "nudge-" + run);
        }
        for (int i = 2; i <= 5; i++) {
            awaitDelivered(c.get(i), i <= 3 ? 3 : 1);
        }
        // c0, c2, c4 order (after their messages); c6 orders untouched
        for (int i : new int[]{0, 2, 4, 6}) {
            order(api, "ATTR-" + i + "-" + run, "o-" + i + "-" + run, Instant.now(), 10 * (i + 1));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> orders(c.get(6)).size() == 1 && orders(c.get(4)).size() == 1);

        // definitions: analysts only, bad input named
        String key = "steps-" + run;
        String definition = """
                {"name":"Journey steps","models":["first-touch","last-touch","linear","time-decay","position-based","markov"],
                 "window":"P1D","halfLife":"PT1M","touch":"delivered","groupBy":"step"}""";
        assertThat(api.putJson("/api/v1/attribution/definitions/" + key, Api.marketer(), definition).status()).isEqualTo(403);
        Api.Response bad = api.putJson("/api/v1/attribution/definitions/" + key, Api.analyst(), """
                {"models":["last-touch","u-shaped"],"window":"7 days","groupBy":"store"}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("models[1]: unknown attribution model 'u-shaped'").contains("window: an ISO-8601 duration")
                .contains("groupBy: one of [channel, source, step]");
        Api.Response defined = api.putJson("/api/v1/attribution/definitions/" + key, Api.analyst(), definition);
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        assertThat(defined.json().get("version").asInt()).isEqualTo(1);
        assertThat(api.putJson("/api/v1/attribution/definitions/" + key, Api.analyst(), definition).json().get("version").asInt())
                .as("the same rules again are the same version").isEqualTo(1);

        Instant to = Instant.now().plus(1, ChronoUnit.HOURS);
        String period = "\"from\":\"%s\",\"to\":\"%s\"".formatted(started, to);
        Api.Response refused = api.postJson("/api/v1/attribution/runs", Api.analyst(),
                "{\"definition\":\"" + key + "\",\"from\":\"" + to + "\",\"to\":\"" + started + "\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("to: the period must end after it starts");
        assertThat(api.postJson("/api/v1/attribution/runs", Api.marketer(), "{\"definition\":\"" + key + "\"," + period + "}").status())
                .isEqualTo(403);
        JsonNode first = completed(api, api.postJson("/api/v1/attribution/runs", Api.analyst(),
                "{\"definition\":\"" + key + "\"," + period + "}"));
        assertThat(first.get("eventsRead").asLong()).isPositive();
        assertThat(first.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(first.get("eventsPerSecond").asDouble()).isPositive();

        // the calculation in this test, from the stored events of the seven customers
        Map<String, Map<String, Double>> expected = independently(c, Duration.ofDays(1), Duration.ofMinutes(1));
        JsonNode result = first.get("result");
        for (String model : expected.keySet()) {
            JsonNode credits = model(result, model);
            expected.get(model).forEach((group, credit) -> assertThat(credit(credits, group)).as(model + " " + group)
                    .isCloseTo(credit, within(1e-9)));
        }
        String hello = "journey:" + welcome + "/hello";
        String reminder = "journey:" + welcome + "/reminder";
        String nudged = "journey:" + nudge + "/nudge";
        // the figures the story gives: c0 saw hello → reminder, c2 hello → reminder → nudge, c4 nudge
        assertThat(credit(model(result, "first-touch"), hello)).isEqualTo(2.0);
        assertThat(credit(model(result, "last-touch"), nudged)).isEqualTo(2.0);
        assertThat(credit(model(result, "position-based"), nudged)).isCloseTo(1.4, within(1e-9));
        // Markov: without any one of the three steps the chance to convert falls from 1/2 to 1/6, so each is credited alike
        for (String step : List.of(hello, reminder, nudged)) {
            assertThat(credit(model(result, "markov"), step)).as("markov " + step).isCloseTo(1.0, within(1e-9));
        }
        assertThat(result.get("conversions").asLong()).as("c6's order counts, credited to no one").isGreaterThanOrEqualTo(4);

        // the same run again: the same events, the same bits
        JsonNode again = completed(api, api.postJson("/api/v1/attribution/runs/" + first.get("id").asText() + "/rerun", Api.analyst(), ""));
        assertThat(again.get("rerunOf").asText()).isEqualTo(first.get("id").asText());
        assertThat(again.get("upTo").asLong()).isEqualTo(first.get("upTo").asLong());
        assertThat(again.get("fingerprint").asText()).isEqualTo(first.get("fingerprint").asText());
        assertThat(again.get("result")).isEqualTo(first.get("result"));

        // a new order in the period: a new run sees it, a rerun of the first still answers as before
        order(api, "ATTR-5-" + run, "o-5-" + run, Instant.now(), 60);
        await().atMost(Duration.ofSeconds(30)).until(() -> orders(c.get(5)).size() == 1);
        JsonNode later = completed(api, api.postJson("/api/v1/attribution/runs", Api.analyst(), "{\"definition\":\"" + key + "\"," + period + "}"));
        assertThat(credit(model(later.get("result"), "last-touch"), nudged)).isEqualTo(3.0);
        assertThat(later.get("fingerprint").asText()).isNotEqualTo(first.get("fingerprint").asText());
        JsonNode once = completed(api, api.postJson("/api/v1/attribution/runs/" + first.get("id").asText() + "/rerun", Api.analyst(), ""));
        assertThat(once.get("fingerprint").asText()).isEqualTo(first.get("fingerprint").asText());

        assertThat(api.get("/api/v1/attribution/runs/" + first.get("id").asText(), Api.marketer()).status()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/attribution/runs/" + first.get("id").asText() + "/cancel", Api.analyst(), "").status())
                .as("a completed run cannot be cancelled").isEqualTo(409);
        for (String j : List.of(welcome, nudge)) {
            api.postJson("/api/v1/journeys/" + j + "/retire", Api.marketer(), "");
        }
    }

    /**
     * First, last, linear, time-decay and position-based credit per step for the orders of {@code customers},
     * and the Markov removal-effect credit of their paths by value iteration on the chain (not the
     * platform's linear solve).
     */
    private Map<String, Map<String, Double>> independently(List<CustomerId> customers, Duration window, Duration halfLife) {
        Map<String, Map<String, Double>> credit = new TreeMap<>();
        for (String m : List.of("first-touch", "last-touch", "linear", "time-decay", "position-based")) {
            credit.put(m, new TreeMap<>());
        }
        List<List<String>> converting = new ArrayList<>();
        List<List<String>> lost = new ArrayList<>();
        for (CustomerId id : customers) {
            Map<String, String> steps = new HashMap<>();
            TreeMap<Instant, String> touches = new TreeMap<>();
            List<OrderPlacedEvent> orders = new ArrayList<>();
            for (DomainEventMessage<?> m : history(id)) {
                if (m.getPayload() instanceof MessageAcceptedEvent a) {
                    steps.put(a.request().messageId().value(), a.request().source().kind() + ":" + a.request().source().key() + "/"
                            + a.request().source().step());
                } else if (m.getPayload() instanceof MessageDeliveredEvent d) {
                    touches.put(d.occurredAt(), steps.get(d.messageId().value()));
                } else if (m.getPayload() instanceof OrderPlacedEvent o) {
                    orders.add(o);
                }
            }
            if (orders.isEmpty()) {
                if (!touches.isEmpty()) {
                    lost.add(new ArrayList<>(touches.values()));
                }
                continue;
            }
            OrderPlacedEvent order = orders.get(0);
            List<Map.Entry<Instant, String>> path = touches.headMap(order.placedAt(), true).entrySet().stream()
                    .filter(e -> !e.getKey().isBefore(order.placedAt().minus(window))).toList();
            if (path.isEmpty()) {
                continue;
            }
            converting.add(path.stream().map(Map.Entry::getValue).toList());
            int n = path.size();
            add(credit, "first-touch", path.get(0).getValue(), 1);
            add(credit, "last-touch", path.get(n - 1).getValue(), 1);
            double[] decay = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                add(credit, "linear", path.get(i).getValue(), 1.0 / n);
                double position = n == 1 ? 1 : n == 2 ? 0.5 : i == 0 || i == n - 1 ? 0.4 : 0.2 / (n - 2);
                add(credit, "position-based", path.get(i).getValue(), position);
                decay[i] = Math.pow(0.5, Duration.between(path.get(i).getKey(), order.placedAt()).toMillis() / (double) halfLife.toMillis());
                sum += decay[i];
            }
            for (int i = 0; i < n; i++) {
                add(credit, "time-decay", path.get(i).getValue(), decay[i] / sum);
            }
        }
        credit.put("markov", markov(converting, lost));
        return credit;
    }

    /** Removal effects by iterating the chain's probabilities until they settle, normalised to the conversions. */
    private static Map<String, Double> markov(List<List<String>> converting, List<List<String>> lost) {
        TreeSet<String> states = new TreeSet<>();
        converting.forEach(states::addAll);
        lost.forEach(states::addAll);
        double base = reach(converting, lost, null);
        Map<String, Double> effect = new TreeMap<>();
        double total = 0;
        for (String s : states) {
            double e = 1 - reach(converting, lost, s) / base;
            effect.put(s, e);
            total += e;
        }
        Map<String, Double> credit = new TreeMap<>();
        for (String s : states) {
            credit.put(s, effect.get(s) / total * converting.size());
        }
        return credit;
    }

    private static double reach(List<List<String>> converting, List<List<String>> lost, String removed) {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (int k = 0; k < 2; k++) {
            for (List<String> path : k == 0 ? converting : lost) {
                String from = "start";
                for (String s : path) {
                    counts.computeIfAbsent(from, f -> new HashMap<>()).merge(s, 1, Integer::sum);
                    from = s;
                }
                counts.computeIfAbsent(from, f -> new HashMap<>()).merge(k == 0 ? "conv" : "null", 1, Integer::sum);
            }
        }
        Map<String, Double> p = new HashMap<>();
        for (int iteration = 0; iteration < 10_000; iteration++) {
            Map<String, Double> next = new HashMap<>();
            for (String from : counts.keySet()) {
                if (from.equals(removed)) {
                    continue;
                }
                double total = counts.get(from).values().stream().mapToInt(Integer::intValue).sum();
                double value = 0;
                for (Map.Entry<String, Integer> e : counts.get(from).entrySet()) {
                    double to = e.getKey().equals("conv") ? 1 : e.getKey().equals("null") || e.getKey().equals(removed) ? 0
                            : p.getOrDefault(e.getKey(), 0.0);
                    value += e.getValue() / total * to;
                }
                next.put(from, value);
            }
            p = next;
        }
        return p.getOrDefault("start", 0.0);
    }

    private static void add(Map<String, Map<String, Double>> credit, String model, String group, double share) {
        credit.get(model).merge(group, share, Double::sum);
    }

    private static JsonNode model(JsonNode result, String name) {
        for (JsonNode m : result.get("models")) {
            if (m.get("model").asText().equals(name)) {
                return m.get("groups");
            }
        }
        throw new AssertionError("no model " + name + " in " + result);
    }

    private static double credit(JsonNode groups, String group) {
        for (JsonNode g : groups) {
            if (g.get("group").asText().equals(group)) {
                return g.get("conversions").asDouble();
            }
        }
        return 0;
    }

    private static JsonNode completed(Api api, Api.Response started) {
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asText();
        JsonNode done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> api.get("/api/v1/attribution/runs/" + id, Api.analyst()).json(),
                        r -> !"QUEUED".equals(r.get("status").asText()) && !"RUNNING".equals(r.get("status").asText()));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        return done;
    }

    private void publish(Api api, String key, String graph) throws InterruptedException {
        Api.Response published = api.putJson("/api/v1/journeys/" + key, Api.marketer(), graph);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        Thread.sleep(1200); // the trigger matcher's cache of journeys may be a second old
    }

    private CustomerId customer(String member) {
        return Consents.inAppMember(commands, member, "attribution-test");
    }

    private void custom(CustomerId id, String event) {
        commands.sendAndWait(new RecordInteractionCommand(id, null, new CustomerInteraction.Custom(event + "-" + id.value(), Instant.now(),
                "app", event, Map.of())));
    }

    private static void order(Api api, String member, String orderId, Instant at, int amount) {
        Api.Response response = api.postJson("/api/v1/ingest/orders", Api.ingest(), """
                {"orderId":"%s","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"CNY",
                 "lines":[{"sku":"ATTR-1","name":"Attribution test product","quantity":1,"unitPrice":%d.00}],"channel":"app"}
                """.formatted(orderId, member, at, amount));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    private void awaitDelivered(CustomerId id, int messages) {
        await().atMost(Duration.ofSeconds(60)).until(() -> history(id).stream()
                .filter(m -> m.getPayload() instanceof MessageDeliveredEvent).count() >= messages);
    }

    private List<OrderPlacedEvent> orders(CustomerId id) {
        return history(id).stream().map(DomainEventMessage::getPayload).filter(OrderPlacedEvent.class::isInstance)
                .map(OrderPlacedEvent.class::cast).toList();
    }

    private List<DomainEventMessage<?>> history(CustomerId id) {
        List<DomainEventMessage<?>> read = new ArrayList<>();
        events.readEvents(id.value()).asStream().forEach(read::add);
        return read;
    }
}
