package com.retailpulse.infra.replay;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.projections.profile.ProfileIndex;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding the profiles by replay (ADR 0024): segment counts and customer profiles keep answering from the
 * old index, unchanged, until the new one is complete; then the read alias moves, the profiles come out as they
 * were (tags, RFM, segment memberships), the old index is gone, and an order recorded mid-rebuild is in. To look
 * at the old index mid-rebuild the test makes Elasticsearch refuse writes to the new one (an index template with
 * a write block, matching only its name) until it has looked, then lifts the block.
 */
@IntegrationTest
class ProfilesRebuildTest {

    private static final String PROCESSOR = "customer-profiles";

    @LocalServerPort
    int port;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    ProfileIndex profiles;

    private Api api;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String sku = "REB-" + run;

    private String order(String member, String orderId, Instant at, String unitPrice) {
        Api.Response response = api.postJson("/api/v1/ingest/orders", Api.ingest(), """
                {"orderId":"%s","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"GBP",
                 "lines":[{"sku":"%s","name":"Rebuilt product","quantity":2,"unitPrice":%s}],"channel":"pos","storeId":"store-9"}
                """.formatted(orderId, member, at, sku, unitPrice));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("customerId").asText();
    }

    private JsonNode profile(String customerId, Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()),
                r -> r.status() == 200 && ready.test(r.json())).json();
    }

    private JsonNode profile(String customerId) {
        Api.Response r = api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private long members(String segment) {
        return api.get("/api/v1/segments/" + segment + "/members", Api.analyst()).json().get("count").asLong();
    }

    private long preview(String condition) {
        Api.Response r = api.postJson("/api/v1/segments/preview", Api.marketer(), "{\"condition\": " + condition + ", \"sample\": 5}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("count").asLong();
    }

    private JsonNode backfill(String id) {
        return api.get("/api/v1/tags/backfills/" + id, Api.marketer()).json();
    }

    private JsonNode replays() {
        return api.get("/api/v1/admin/replays/" + PROCESSOR, Api.admin()).json();
    }

    /**
     * What a rebuild must reproduce: everything derived from the customer's events (RFM scores left out: they
     * are quintiles of the whole population, recomputed every minute).
     */
    private static Map<String, JsonNode> derived(JsonNode profile) {
        return Map.of("identifiers", profile.path("identifiers"), "firstSeenAt", profile.path("firstSeenAt"),
                "orders", profile.path("orders"), "tags", profile.path("tags"), "segments", profile.path("segments"),
                "recencyDays", profile.at("/rfm/recencyDays"), "frequency", profile.at("/rfm/frequency"),
                "monetary", profile.at("/rfm/monetary"));
    }

    /** The very document that was read before: what it derived, and when it was written. */
    private static Map<String, JsonNode> served(JsonNode profile) {
        return Map.of("derived", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(derived(profile)),
                "updatedAt", profile.path("updatedAt"));
    }

    @Test
    void a_rebuild_replays_the_profiles_into_a_new_index_while_the_old_one_serves_then_switches_and_drops_the_old_one()
            throws Exception {
        api = new Api(port);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String a = order("rebA" + run, "A1-" + run, now.minus(Duration.ofDays(3)), "12.00");
        order("rebA" + run, "A2-" + run, now.minus(Duration.ofDays(2)), "12.00");
        order("rebA" + run, "A3-" + run, now.minus(Duration.ofDays(1)), "12.00");
        String b = order("rebB" + run, "B1-" + run, now.minus(Duration.ofDays(2)), "3.00");
        String c = order("rebC" + run, "C1-" + run, now.minus(Duration.ofDays(5)), "7.50");
        order("rebC" + run, "C2-" + run, now.minus(Duration.ofDays(4)), "7.50");
        profile(a, p -> p.at("/orders/count").asLong() == 3);
        profile(b, p -> p.at("/orders/count").asLong() == 1);
        profile(c, p -> p.at("/orders/count").asLong() == 2);

        // a segment of this test's repeat buyers: A and C, recorded on them as entries
        String segment = "rebuilt_" + run;
        String condition = "{\"all\": [{\"field\": \"behaviour.preferredProducts\", \"op\": \"eq\", \"value\": \"" + sku + "\"}, "
                + "{\"activity\": \"order\", \"withinDays\": 30, \"atLeast\": 2}]}";
        Api.Response defined = api.putJson("/api/v1/segments/" + segment, Api.marketer(),
                "{\"name\": \"Rebuilt repeat buyers " + run + "\", \"condition\": " + condition + "}");
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        String definedBackfill = defined.json().at("/backfill/id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> backfill(definedBackfill).get("status").asText(), "COMPLETED"::equals);
        profile(a, p -> p.at("/segments/" + segment).isObject());
        profile(c, p -> p.at("/segments/" + segment).isObject());
        await().atMost(Duration.ofSeconds(20)).until(() -> members(segment) == 2);
        // settled: nothing left in flight for these customers (two reads a second apart agree)
        JsonNode aBefore = await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode first = profile(a);
            Thread.sleep(1_000);
            return served(profile(a)).equals(served(first)) ? first : null;
        }, java.util.Objects::nonNull);
        JsonNode bBefore = profile(b);
        JsonNode cBefore = profile(c);
        long previewBefore = preview(condition);
        assertThat(previewBefore).isEqualTo(2);

        JsonNode idle = replays();
        String old = idle.at("/rebuild/readIndex").asText();
        assertThat(idle.at("/rebuild/rebuilding").asBoolean()).isFalse();
        assertThat(idle.at("/rebuild/writeIndex").asText()).isEqualTo(old);
        String alias = profiles.index().readAlias();
        assertThat(old).startsWith(alias + "-v");
        String next = alias + "-v" + (Integer.parseInt(old.substring(old.lastIndexOf("-v") + 2)) + 1);

        String template = "hold-profiles-" + run;
        elasticsearch.indices().putIndexTemplate(t -> t.name(template).indexPatterns(next).priority(1000L)
                .template(tt -> tt.settings(st -> st.blocks(bl -> bl.write(true)))));
        String queuedBackfill;
        try {
            assertThat(api.postJson("/api/v1/admin/replays/" + PROCESSOR, Api.analyst(), "").status()).isEqualTo(403);
            Api.Response started = api.postJson("/api/v1/admin/replays/" + PROCESSOR, Api.admin(), "");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            assertThat(started.json().at("/rebuild/rebuilding").asBoolean()).isTrue();
            assertThat(started.json().at("/rebuild/readIndex").asText()).isEqualTo(old);
            assertThat(started.json().at("/rebuild/writeIndex").asText()).isEqualTo(next);
            assertThat(started.json().at("/rebuild/untilPosition").asLong()).isPositive();
            assertThat(api.postJson("/api/v1/admin/replays/" + PROCESSOR, Api.admin(), "").status())
                    .as("one rebuild at a time").isEqualTo(409);

            // recorded during the rebuild: B's second order, and a request to derive every profile again
            order("rebB" + run, "B2-" + run, now.minus(Duration.ofHours(1)), "3.00");
            Api.Response refresh = api.postJson("/api/v1/tags/refresh", Api.admin(), "");
            assertThat(refresh.status()).as(refresh.body()).isEqualTo(202);
            queuedBackfill = refresh.json().get("id").asText();

            // mid-rebuild: queries read the old, complete index, exactly as before; the new one holds nothing yet
            for (int i = 0; i < 3; i++) {
                Thread.sleep(1_000);
                JsonNode status = replays();
                assertThat(status.at("/rebuild/rebuilding").asBoolean()).isTrue();
                assertThat(status.at("/rebuild/percent").asDouble()).isLessThan(100.0);
                assertThat(served(profile(a))).isEqualTo(served(aBefore));
                assertThat(served(profile(b))).as("B's new order waits for the switch").isEqualTo(served(bBefore));
                assertThat(served(profile(c))).isEqualTo(served(cBefore));
                assertThat(members(segment)).isEqualTo(2);
                assertThat(preview(condition)).isEqualTo(previewBefore);
                assertThat(backfill(queuedBackfill).get("status").asText()).as("a back-fill waits for the switch").isEqualTo("QUEUED");
                assertThat(elasticsearch.indices().getAlias(g -> g.name(alias)).result()).containsOnlyKeys(old);
                assertThat(elasticsearch.count(n -> n.index(next)).count()).isZero();
            }
        } finally {
            elasticsearch.indices().deleteIndexTemplate(d -> d.name(template));
            if (elasticsearch.indices().exists(e -> e.index(next)).value()) {
                elasticsearch.indices().putSettings(p -> p.index(next).settings(st -> st.blocks(bl -> bl.write(false))));
            }
        }

        // the replay goes on, completes, and the read alias switches
        JsonNode done = await().atMost(Duration.ofSeconds(180)).until(this::replays, j -> !j.at("/rebuild/rebuilding").asBoolean());
        assertThat(done.at("/rebuild/readIndex").asText()).isEqualTo(next);
        assertThat(done.at("/rebuild/writeIndex").asText()).isEqualTo(next);
        assertThat(elasticsearch.indices().getAlias(g -> g.name(alias)).result()).containsOnlyKeys(next);
        assertThat(elasticsearch.indices().getAlias(g -> g.name(profiles.index().writeAlias())).result()).containsOnlyKeys(next);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(elasticsearch.indices().exists(e -> e.index(old)).value()).as("the old index is dropped").isFalse());

        // the same profiles, from the new index
        assertThat(derived(profile(a))).isEqualTo(derived(aBefore));
        assertThat(derived(profile(c))).isEqualTo(derived(cBefore));
        assertThat(profile(a).at("/segments/" + segment + "/since")).isEqualTo(aBefore.at("/segments/" + segment + "/since"));
        // the order recorded mid-rebuild is in, and with it B enters the segment
        JsonNode bAfter = profile(b, p -> p.at("/orders/count").asLong() == 2);
        assertThat(bAfter.at("/orders/revenue").decimalValue()).isEqualByComparingTo("12.00");
        await().atMost(Duration.ofSeconds(60)).until(() -> backfill(queuedBackfill).get("status").asText(), "COMPLETED"::equals);
        profile(b, p -> p.at("/segments/" + segment).isObject());
        await().atMost(Duration.ofSeconds(20)).until(() -> members(segment) == 3 && preview(condition) == 3);
        assertThat(List.of(a, b, c)).allSatisfy(id -> assertThat(profile(id).at("/segments/" + segment).isObject()).isTrue());
    }
}
