package com.retailpulse.infra.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.JourneyEnrolledEvent;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.ProductViewedEvent;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedule triggers on the real stack (docs/journeys.md): a journey firing every second enrolls the members
 * of its segment through their re-entry policy; pausing deletes its schedule and enrolls nobody, resuming
 * books it again, retiring deletes it. And product views stored before they had a dwell time still read.
 */
@IntegrationTest
class JourneyScheduleTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStore events;
    @Autowired
    Scheduler scheduler;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    ObjectMapper objectMapper;

    private final String run = Long.toString(System.nanoTime(), 36);

    @Test
    void a_schedule_enrolls_the_segments_members_at_each_fire_time_until_paused_and_again_when_resumed() throws Exception {
        Api api = new Api(port);
        String sku = "sched-sku-" + run;
        String segment = "sched_" + run;
        String ann = buyer(api, "S-ann-" + run, sku);
        String bob = buyer(api, "S-bob-" + run, sku);
        defineSegment(api, segment, sku);
        awaitMembers(api, segment, 2);

        String key = "sched-" + run;
        Api.Response published = api.putJson("/api/v1/journeys/" + key, Api.marketer(), """
                {"name":"Every second, the buyers","trigger":{"type":"schedule","cron":"* * * * * *","zone":"Europe/London","segments":["%s"]},
                 "start":"done","nodes":[{"type":"exit","id":"done"}],"reentry":{"policy":"never"},"priority":10}
                """.formatted(segment));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().at("/graph/trigger/type").asText()).isEqualTo("schedule");

        await().atMost(Duration.ofSeconds(40)).until(() -> enrollments(ann, key).size() == 1 && enrollments(bob, key).size() == 1);
        assertThat(enrollments(ann, key).get(0).trigger()).startsWith("schedule:");
        assertThat(scheduler.checkExists(JourneySchedules.jobKey(key))).isTrue();
        Thread.sleep(2500); // more fire times: the re-entry policy (never) keeps each member to one run
        assertThat(enrollments(ann, key)).hasSize(1);
        assertThat(enrollments(bob, key)).hasSize(1);

        // paused: the schedule is deleted, and a new member is not enrolled
        assertThat(api.postJson("/api/v1/journeys/" + key + "/pause", Api.marketer(), "").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !scheduler.checkExists(JourneySchedules.jobKey(key)));
        String cat = buyer(api, "S-cat-" + run, sku);
        awaitMembers(api, segment, 3);
        Thread.sleep(3000);
        assertThat(enrollments(cat, key)).isEmpty();

        // resumed: booked again, the new member enters
        assertThat(api.postJson("/api/v1/journeys/" + key + "/resume", Api.marketer(), "").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(40)).until(() -> enrollments(cat, key).size() == 1);
        assertThat(enrollments(ann, key)).hasSize(1);

        // retired: no schedule any more
        assertThat(api.postJson("/api/v1/journeys/" + key + "/retire", Api.marketer(), "").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !scheduler.checkExists(JourneySchedules.jobKey(key)));
    }

    @Test
    void a_bad_cron_zone_or_unknown_segment_is_refused_naming_the_trigger() {
        Api api = new Api(port);
        Api.Response refused = api.putJson("/api/v1/journeys/sched-bad-" + run, Api.marketer(), """
                {"name":"Broken","trigger":{"type":"schedule","cron":"0 0 25 * * *","zone":"Mars/Olympus","segments":["no_such_%s"]},
                 "start":"done","nodes":[{"type":"exit","id":"done"}],"reentry":{"policy":"never"},"priority":10}
                """.formatted(run));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        List<String> errors = StreamSupport.stream(refused.json().get("errors").spliterator(), false).map(JsonNode::asText).toList();
        assertThat(errors).anyMatch(e -> e.startsWith("trigger.cron: "))
                .contains("trigger.zone: unknown time zone 'Mars/Olympus'", "trigger.segments[0]: no segment 'no_such_" + run + "'");
        assertThat(api.get("/api/v1/journeys/sched-bad-" + run, Api.analyst()).status()).isEqualTo(404);
    }

    @Test
    void a_product_view_stored_before_views_had_a_dwell_time_still_reads_with_none() throws Exception {
        ProductViewedEvent now = new ProductViewedEvent(new CustomerId("c-old-" + run), "v-" + run, Instant.parse("2026-01-02T10:00:00Z"),
                "web", new ProductRef("sku-pram", "City pram", "stroller", null, null), Duration.ofSeconds(42));
        SerializedObject<String> stored = serializer.serialize(now, String.class);
        assertThat((ProductViewedEvent) serializer.deserialize(stored)).isEqualTo(now);
        // the same event as the platform stored it before: no dwell field at all, revision 1
        ObjectNode json = (ObjectNode) objectMapper.readTree(stored.getData());
        assertThat(json.remove("dwell")).isNotNull();
        SerializedObject<String> old = new SimpleSerializedObject<>(objectMapper.writeValueAsString(json), String.class,
                ProductViewedEvent.class.getName(), "1");
        ProductViewedEvent read = (ProductViewedEvent) serializer.deserialize(old);
        assertThat(read.dwell()).isNull();
        assertThat(read.product().category()).isEqualTo("stroller");
        assertThat(read.occurredAt()).isEqualTo(now.occurredAt());
    }

    private List<JourneyEnrolledEvent> enrollments(String customerId, String journey) {
        return events.readEvents(customerId).asStream().map(m -> m.getPayload()).filter(JourneyEnrolledEvent.class::isInstance)
                .map(JourneyEnrolledEvent.class::cast).filter(e -> e.journey().value().equals(journey)).toList();
    }

    /** A member who bought {@code sku} two days ago; answers the customer id. */
    private static String buyer(Api api, String member, String sku) {
        Api.Response response = api.postJson("/api/v1/ingest/orders", Api.ingest(), """
                {"orderId":"%s","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"CNY",
                 "lines":[{"sku":"%s","name":"Schedule test product","quantity":1,"unitPrice":10.00}],"channel":"pos","storeId":"store-1"}
                """.formatted("sched-" + member, member, Instant.now().minus(Duration.ofDays(2)), sku));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("customerId").asText();
    }

    private static void defineSegment(Api api, String key, String sku) {
        Api.Response defined = api.putJson("/api/v1/segments/" + key, Api.marketer(), """
                {"name":"Buyers of %s","condition":{"field":"behaviour.preferredProducts","op":"eq","value":"%s"}}""".formatted(sku, sku));
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        String backfill = defined.json().at("/backfill/id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/tags/backfills/" + backfill, Api.marketer()).json(),
                b -> "COMPLETED".equals(b.get("status").asText()));
    }

    private static void awaitMembers(Api api, String segment, int members) {
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/segments/" + segment + "/members", Api.analyst())
                .json().get("count").asLong(), n -> n == members);
    }
}
