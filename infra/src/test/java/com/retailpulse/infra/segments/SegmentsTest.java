package com.retailpulse.infra.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.TestStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Segments on the running platform. Every condition here includes a product only this test's
 * customers bought, so the segments never reach other tests' customers.
 */
@IntegrationTest
class SegmentsTest {

    @LocalServerPort
    int port;
    Api api;
    String run;
    String sku;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        run = UUID.randomUUID().toString().substring(0, 8);
        sku = "SEG-" + run;
    }

    private String order(String member, String orderId, Instant at, String sku, String unitPrice) {
        Api.Response response = api.postJson("/api/v1/ingest/orders", Api.ingest(), """
                {"orderId":"%s","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"GBP",
                 "lines":[{"sku":"%s","name":"Test product","quantity":10,"unitPrice":%s}],"channel":"pos","storeId":"store-7"}
                """.formatted(orderId, member, at, sku, unitPrice));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("customerId").asText();
    }

    private String base() {
        return "{\"field\": \"behaviour.preferredProducts\", \"op\": \"eq\", \"value\": \"" + sku + "\"}";
    }

    private JsonNode profile(String customerId, Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()),
                r -> r.status() == 200 && ready.test(r.json())).json();
    }

    private List<JsonNode> segmentEvents(String customerId, int atLeast) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(
                        api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json().get("events").spliterator(), false)
                .filter(e -> e.get("type").asText().startsWith("Segment")).toList(), l -> l.size() >= atLeast);
    }

    private void backfillDone(JsonNode change) {
        String id = change.at("/backfill/id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/tags/backfills/" + id, Api.marketer()).json(),
                b -> "COMPLETED".equals(b.get("status").asText()));
    }

    private Api.Response define(String key, String name, String condition) {
        return api.putJson("/api/v1/segments/" + key, Api.marketer(),
                "{\"name\": \"" + name + "\", \"condition\": " + condition + "}");
    }

    @Test
    void a_segment_counts_while_drafted_records_entries_and_exits_with_its_version_and_answers_who_was_in_it_when() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String a = order("segA" + run, "A1-" + run, now.minus(Duration.ofDays(3)), sku, "12.00");
        order("segA" + run, "A2-" + run, now.minus(Duration.ofDays(2)), sku, "12.00");
        order("segA" + run, "A3-" + run, now.minus(Duration.ofDays(1)), sku, "12.00");
        String b = order("segB" + run, "B1-" + run, now.minus(Duration.ofDays(2)), sku, "3.00");
        String other = order("segC" + run, "C1-" + run, now.minus(Duration.ofDays(1)), "OTHER-" + run, "3.00");
        profile(a, p -> p.at("/tags/activity.order.total").asLong() == 3);
        profile(b, p -> p.at("/tags/activity.order.total").asLong() == 1);
        profile(other, p -> p.at("/tags/activity.order.total").asLong() == 1);

        String key = "repeat_" + run;
        String condition = "{\"all\": [" + base() + ", {\"activity\": \"order\", \"withinDays\": 30, \"atLeast\": 2}]}";

        // while editing: a count and a sample, nothing saved (searchable once the index refreshed, within a second)
        Api.Response preview = await().atMost(Duration.ofSeconds(10)).until(() -> api.postJson("/api/v1/segments/preview",
                Api.marketer(), "{\"condition\": " + condition + ", \"sample\": 5}"),
                r -> r.status() != 200 || r.json().get("count").asLong() > 0);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("count").asLong()).isEqualTo(1);
        assertThat(preview.json().at("/sample/0/customerId").asText()).isEqualTo(a);
        assertThat(preview.json().at("/sample/0/ordersTotal").asLong()).isEqualTo(3);

        // saved: back-filled, and the member's history records the entry with version 1
        Api.Response v1 = define(key, "Repeat buyers " + run, condition);
        assertThat(v1.status()).as(v1.body()).isEqualTo(200);
        assertThat(v1.json().get("version").asInt()).isEqualTo(1);
        backfillDone(v1.json());
        profile(a, p -> p.get("segments").toString().contains(key));
        JsonNode enteredA = segmentEvents(a, 1).get(0);
        assertThat(enteredA.get("type").asText()).isEqualTo("SegmentEnteredEvent");
        assertThat(enteredA.at("/payload/segment").asText()).isEqualTo(key);
        assertThat(enteredA.at("/payload/version").asInt()).isEqualTo(1);
        assertThat(enteredA.at("/metadata/issuedBy").asText()).isEqualTo("segment-evaluator");

        // live: B's second order puts B in at once
        order("segB" + run, "B2-" + run, now.minus(Duration.ofHours(1)), sku, "3.00");
        JsonNode enteredB = segmentEvents(b, 1).get(0);
        Instant bEntered = Instant.parse(enteredB.at("/payload/enteredAt").asText());
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/segments/" + key + "/members", Api.analyst())
                .json().get("count").asLong() == 2);
        assertThat(segmentEvents(other, 0)).isEmpty();

        // exports: CSV and Kafka
        Api.Response csv = api.get("/api/v1/segments/" + key + "/export", Api.marketer());
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("customerId,identifiers,valueTier,lifecycleStage,ltv,orders,daysSinceLastOrder");
        assertThat(lines).hasSize(3);
        assertThat(lines.subList(1, 3)).anySatisfy(l -> assertThat(l).startsWith(a + ",member:segA" + run))
                .anySatisfy(l -> assertThat(l).startsWith(b + ",member:segB" + run));
        Api.Response exported = api.postJson("/api/v1/segments/" + key + "/exports", Api.marketer(), "");
        assertThat(exported.status()).as(exported.body()).isEqualTo(200);
        assertThat(exported.json().get("published").asLong()).isEqualTo(2);
        String exportId = exported.json().get("exportId").asText();
        List<JsonNode> published = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestStack.get().kafka().address(),
                ConsumerConfig.GROUP_ID_CONFIG, "segment-export-check-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(exported.json().get("topic").asText()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.value());
                    if (record.get("exportId").asText().equals(exportId)) {
                        assertThat(r.key()).isEqualTo(record.at("/member/customerId").asText());
                        published.add(record);
                    }
                }
                return published.size() >= 2;
            });
        }
        assertThat(published).extracting(r -> r.at("/member/customerId").asText()).containsExactlyInAnyOrder(a, b);
        assertThat(published).allSatisfy(r -> assertThat(r.get("version").asInt()).isEqualTo(1));

        // version 2 asks for three orders: B leaves, with the version that let them go; A stays without a new event
        Api.Response v2 = define(key, "Repeat buyers " + run, condition.replace("\"atLeast\": 2", "\"atLeast\": 3"));
        assertThat(v2.json().get("version").asInt()).isEqualTo(2);
        backfillDone(v2.json());
        JsonNode leftB = segmentEvents(b, 2).get(1);
        assertThat(leftB.get("type").asText()).isEqualTo("SegmentLeftEvent");
        assertThat(leftB.at("/payload/version").asInt()).isEqualTo(2);
        Instant bLeft = Instant.parse(leftB.at("/payload/leftAt").asText());
        assertThat(segmentEvents(a, 1)).hasSize(1);

        // membership as of a past moment: B was in between entering and leaving
        Instant between = bEntered.plusMillis(Duration.between(bEntered, bLeft).toMillis() / 2);
        JsonNode then = await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/segments/" + key
                + "/members?asOf=" + between, Api.auditor()).json(), j -> j.get("count").asLong() == 2);
        assertThat(then.get("sample")).extracting(JsonNode::asText).containsExactlyInAnyOrder(a, b);
        JsonNode afterwards = await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/segments/" + key
                + "/members?asOf=" + bLeft.plusSeconds(1), Api.auditor()).json(), j -> j.get("count").asLong() == 1);
        assertThat(afterwards.get("sample")).extracting(JsonNode::asText).containsExactly(a);
        JsonNode bThen = api.get("/api/v1/customers/" + b + "/segments?asOf=" + between, Api.auditor()).json();
        assertThat(bThen.get("stays")).hasSize(1);
        assertThat(bThen.at("/stays/0/enteredByVersion").asInt()).isEqualTo(1);
        JsonNode bAll = api.get("/api/v1/customers/" + b + "/segments", Api.analyst()).json();
        assertThat(bAll.at("/stays/0/leftByVersion").asInt()).isEqualTo(2);
        assertThat(bAll.get("current").has(key)).isFalse();

        // a segment built on another; a change that would make them refer to each other is refused
        String vip = "vip_" + run;
        Api.Response nested = define(vip, "VIP " + run,
                "{\"all\": [{\"segment\": \"" + key + "\"}, {\"field\": \"value.ltv\", \"op\": \"gte\", \"value\": 300}]}");
        assertThat(nested.status()).as(nested.body()).isEqualTo(200);
        backfillDone(nested.json());
        profile(a, p -> p.get("segments").toString().contains(vip));
        Api.Response cycle = define(key, "Repeat buyers " + run, "{\"all\": [" + base() + ", {\"segment\": \"" + vip + "\"}]}");
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.json().get("errors").get(0).asText())
                .isEqualTo("condition: segments refer to each other in a cycle: " + key + " → " + vip + " → " + key);
        Api.Response inUse = api.delete("/api/v1/segments/" + key, Api.marketer());
        assertThat(inUse.status()).isEqualTo(400);
        assertThat(inUse.body()).contains("is used by " + vip);

        // retired: members leave
        backfillDone(api.delete("/api/v1/segments/" + vip, Api.marketer()).json());
        backfillDone(api.delete("/api/v1/segments/" + key, Api.marketer()).json());
        List<JsonNode> aEvents = segmentEvents(a, 4);
        assertThat(aEvents).extracting(e -> e.get("type").asText() + ":" + e.at("/payload/segment").asText())
                .containsExactlyInAnyOrder("SegmentEnteredEvent:" + key, "SegmentEnteredEvent:" + vip,
                        "SegmentLeftEvent:" + vip, "SegmentLeftEvent:" + key);
        JsonNode versions = api.get("/api/v1/segments/" + key, Api.auditor()).json();
        assertThat(versions.get("retired").asBoolean()).isTrue();
        assertThat(versions.get("versions")).extracting(v -> v.get("definedBy").asText()).containsExactly("mark", "mark");
    }

    @Test
    void a_definition_with_mistakes_is_refused_pointing_at_each_node_and_only_marketers_define() {
        Api.Response bad = define("bad_" + run, "Bad", """
                {"all": [
                   {"field": "value.yearlySpendz", "op": "gt", "value": 1000},
                   {"field": "value.tier", "op": "gt", "value": 5},
                   {"field": "activity.order.total", "op": "eq", "value": "many"},
                   {"any": []},
                   {"activity": "order", "withinDays": 10, "atLeast": 1},
                   {"context": "rainy"},
                   {"segment": "no_such_segment"},
                   {"not": {"field": "scenario.no_such_tag", "op": "eq", "value": true}}]}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("title").asText()).isEqualTo("Invalid segment definition");
        assertThat(bad.json().get("errors")).extracting(JsonNode::asText).containsExactly(
                "condition.all[0].field: unknown field 'value.yearlySpendz'; use a dimension from docs/tags.md or scenario.<tag key>",
                "condition.all[1].op: 'gt' compares numbers; value.tier is keyword",
                "condition.all[2].value: activity.order.total is long (whole numbers); got string many",
                "condition.all[3].any: must list at least one condition",
                "condition.all[4].withinDays: segments use the windows profiles keep: 1, 7, 14, 30, 90, 365 days; got 10",
                "condition.all[5].context: segments cannot test context (holidays, weather) directly; define a scenario tag "
                        + "with it and test scenario.<key>",
                "condition.all[6].segment: no segment 'no_such_segment' is in force",
                "condition.all[7].not.field: no scenario tag 'no_such_tag' is in force");
        assertThat(api.postJson("/api/v1/segments/preview", Api.marketer(), "{\"condition\": {\"all\": []}}").status())
                .isEqualTo(400);
        assertThat(api.putJson("/api/v1/segments/" + "ok_" + run, Api.analyst(),
                "{\"name\": \"x\", \"condition\": " + base() + "}").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/segments/none_" + run, Api.auditor()).status()).isEqualTo(404);
        assertThat(api.putJson("/api/v1/segments/Bad-Key", Api.marketer(), "{\"name\": \"x\", \"condition\": " + base() + "}")
                .json().get("errors").get(0).asText()).startsWith("key: segment key must be");
    }
}
