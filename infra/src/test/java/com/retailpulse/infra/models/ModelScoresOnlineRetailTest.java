package com.retailpulse.infra.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.infra.RetailPulseApplication;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.SharedData;
import com.retailpulse.infra.support.TestStackInitializer;
import com.retailpulse.infra.support.TestUsers;
import com.retailpulse.infra.support.TransactionImports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Models on the running platform with real data: both Online Retail files imported through the POS
 * importer (their overlapping December 2010 invoices count once), churn, LTV and clusters trained from the
 * event store, registered with their metrics against their baselines, promoted by their gates, every
 * customer scored into their profile, a new order scored online, and the core segments that combine rules
 * with these scores sized (docs/segments.md, docs/models.md).
 */
@SpringBootTest(classes = RetailPulseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "retailpulse.local-stack.enabled=false",
                "retailpulse.kafka.ingest.enabled=false",
                "retailpulse.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
                "retailpulse.security.ingest-key=" + TestUsers.INGEST_KEY,
                "retailpulse.clock.start=" + ModelScoresOnlineRetailTest.AS_OF})
@ContextConfiguration(initializers = TestStackInitializer.class)
@DirtiesContext
class ModelScoresOnlineRetailTest {

    static final String AS_OF = "2011-12-10T00:00:00Z";
    /** Plan P of docs/models/churn.md, the one the module test measures. */
    private static final String CHURN_PLAN = "trainingFrom=2010-01&trainingTo=2011-06&activeWithinDays=283"
            + "&holdout=2011-09-10T00:00:00Z&calibration=2010-09-10T00:00:00Z";
    private static final String MEMBER = "12347";

    @LocalServerPort
    int port;
    @Autowired
    Clock clock;

    @Test
    void churn_ltv_and_clusters_trained_from_the_event_store_score_every_customer_and_feed_the_core_segments() {
        Api api = new Api(port);
        importFile(api, "online-retail/online_retail_ii_2009_2010.csv.gz");
        importFile(api, "online-retail/online_retail_2010_2011.csv.gz");

        JsonNode churn = train(api, "churn", CHURN_PLAN);
        JsonNode ltv = train(api, "ltv", "");
        JsonNode clusters = train(api, "clusters", "");
        JsonNode churnVersion = version(api, "churn", churn);
        JsonNode ltvVersion = version(api, "ltv", ltv);
        JsonNode clusterVersion = version(api, "clusters", clusters);
        System.out.println("churn " + churnVersion + "\nltv " + ltvVersion + "\nclusters " + clusterVersion);

        // The module's figures (docs/models/churn.md), now learnt from the platform's own event store.
        assertThat(churnVersion.get("promoted").asBoolean()).as(churnVersion.toString()).isTrue();
        assertThat(churnVersion.at("/metrics/rocAuc").asDouble()).isGreaterThan(churnVersion.at("/baseline/rocAuc").asDouble())
                .isCloseTo(0.7708, within(0.01));
        assertThat(churnVersion.at("/metrics/prAuc").asDouble()).isGreaterThan(churnVersion.at("/baseline/prAuc").asDouble());
        assertThat(churnVersion.at("/metrics/calibrationError").asDouble()).isLessThan(0.05);
        assertThat(churnVersion.at("/metrics/holdoutRows").asLong()).isEqualTo(3_370);
        assertThat(ltvVersion.get("promoted").asBoolean()).as(ltvVersion.toString()).isTrue();
        assertThat(ltvVersion.at("/metrics/correlation").asDouble()).isGreaterThan(ltvVersion.at("/baseline/correlation").asDouble());
        assertThat(clusterVersion.get("promoted").asBoolean()).as(clusterVersion.toString()).isTrue();
        assertThat(clusterVersion.at("/metrics/silhouette").asDouble()).isGreaterThanOrEqualTo(ClusterScores.MIN_SILHOUETTE);

        for (JsonNode training : List.of(churn, ltv, clusters)) {
            String run = training.get("scoringRun").asText();
            JsonNode done = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> api.get("/api/v1/models/scorings/" + run, Api.admin()).json(),
                            r -> !"QUEUED".equals(r.get("status").asText()) && !"RUNNING".equals(r.get("status").asText()));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.get("models")).as("a promotion's run scores with the promoted model")
                    .containsExactly(training.get("model"));
            System.out.println("scoring run " + done);
            assertThat(done.get("scored").asLong()).as("every customer who bought is scored")
                    .isEqualTo(clusterVersion.at("/metrics/customers").asLong());
        }

        String customerId = CustomerId.firstSeenAs(CustomerIdentifier.parse("member:" + MEMBER)).value();
        JsonNode before = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/api/v1/customers/" + customerId + "/profile", Api.admin()),
                        r -> r.status() == 200 && r.json().at("/tags/score.churn.version").asInt() == churnVersion.get("version").asInt()
                                && r.json().at("/tags/score.ltv.version").asInt() == ltvVersion.get("version").asInt()
                                && r.json().at("/tags/score.clusters.version").asInt() == clusterVersion.get("version").asInt())
                .json().get("tags");
        System.out.println("scores of " + MEMBER + " before a new order: " + scores(before));
        assertThat(before.get("score.churn.probability").asDouble()).isBetween(0.0, 1.0);
        assertThat(before.get("score.ltv.expectedValue12m").asDouble()).isPositive();
        assertThat(before.get("score.clusters.name").asText()).isNotBlank();

        // Online: a new order is scored as it is stored, with the versions in service.
        Instant placed = clock.instant();
        Api.Response order = api.postJson("/api/v1/ingest/orders", Api.ingest(), """
                {"orderId":"online-scoring-1","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"GBP",
                 "lines":[{"sku":"22423","name":"REGENCY CAKESTAND 3 TIER","quantity":2,"unitPrice":12.75}],"channel":"pos"}"""
                .formatted(MEMBER, placed));
        assertThat(order.status()).as(order.body()).isEqualTo(202);
        JsonNode after = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/v1/customers/" + customerId + "/profile", Api.admin()).json().get("tags"),
                        t -> !Instant.parse(t.get("score.ltv.scoredAt").asText()).isBefore(placed)
                                && !Instant.parse(t.get("score.churn.scoredAt").asText()).isBefore(placed));
        System.out.println("scores of " + MEMBER + " after the order: " + scores(after));
        assertThat(after.get("score.ltv.expectedPurchases90d").asDouble())
                .as("one more purchase day raises the expected purchases")
                .isGreaterThan(before.get("score.ltv.expectedPurchases90d").asDouble());

        theCoreSegmentsUseTheScores(api);
    }

    private void theCoreSegmentsUseTheScores(Api api) {
        for (String key : List.of("high_value_repeat", "promising_new", "about_to_churn", "price_sensitive", "dormant")) {
            Api.Response installed = api.postJson("/api/v1/segments/presets/" + key, Api.admin(), "");
            assertThat(installed.status()).as(installed.body()).isEqualTo(200);
            String backfill = installed.json().at("/backfill/id").asText();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(
                    () -> api.get("/api/v1/tags/backfills/" + backfill, Api.admin()).json().get("status").asText(),
                    "COMPLETED"::equals);
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        Map<String, Long> byModel = new LinkedHashMap<>();
        // the same groups by their rule alone and by their model alone, to show what each adds
        Map<String, String> drafts = Map.of(
                "about_to_churn: rule", """
                        {"all":[{"field":"activity.order.total","op":"gte","value":2},{"field":"lifecycle.stage","op":"eq","value":"at_risk"}]}""",
                "about_to_churn: model", """
                        {"all":[{"field":"activity.order.total","op":"gte","value":2},{"field":"lifecycle.daysSinceLastActivity","op":"lt","value":180},
                                {"field":"score.churn.probability","op":"gte","value":0.6}]}""",
                "high_value_repeat: model", """
                        {"all":[{"field":"activity.order.total","op":"gte","value":3},{"field":"score.ltv.expectedValue12m","op":"gte","value":1000}]}""");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            sizes.clear();
            for (String key : List.of("high_value_repeat", "promising_new", "about_to_churn", "price_sensitive", "dormant")) {
                sizes.put(key, api.get("/api/v1/segments/" + key + "/members?sample=0", Api.admin()).json().get("count").asLong());
            }
            return sizes.values().stream().allMatch(n -> n > 0);
        });
        drafts.forEach((name, condition) -> {
            Api.Response preview = api.postJson("/api/v1/segments/preview", Api.admin(),
                    "{\"condition\":" + condition + ",\"sample\":0}");
            assertThat(preview.status()).as(preview.body()).isEqualTo(200);
            byModel.put(name, preview.json().get("count").asLong());
        });
        System.out.println("Core segments on both Online Retail files with model scores as of " + clock.instant() + ": " + sizes
                + "\n  parts: " + byModel);
        assertThat(sizes.get("about_to_churn")).as("the model adds customers the rule misses")
                .isGreaterThan(byModel.get("about_to_churn: rule"));
        assertThat(sizes.get("high_value_repeat")).isGreaterThanOrEqualTo(byModel.get("high_value_repeat: model"));
    }

    private static Map<String, String> scores(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.fieldNames().forEachRemaining(f -> {
            if (f.startsWith("score.")) {
                out.put(f, tags.get(f).asText());
            }
        });
        return out;
    }

    private static void importFile(Api api, String relative) {
        Path file = SharedData.require(relative);
        long started = System.nanoTime();
        JsonNode status = TransactionImports.run(api, file, Duration.ofMinutes(10));
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("COMPLETED");
        System.out.printf("%s: %s rows in %.1f s%n", relative, status.get("rowsRead"), (System.nanoTime() - started) / 1e9);
    }

    private static JsonNode train(Api api, String model, String query) {
        Api.Response started = api.postJson("/api/v1/models/" + model + "/trainings" + (query.isEmpty() ? "" : "?" + query),
                Api.admin(), "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asText();
        JsonNode done = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/api/v1/models/trainings/" + id, Api.admin()).json(),
                        t -> "COMPLETED".equals(t.get("status").asText()) || "FAILED".equals(t.get("status").asText()));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        return done;
    }

    private static JsonNode version(Api api, String model, JsonNode training) {
        for (JsonNode v : api.get("/api/v1/models/" + model, Api.admin()).json()) {
            if (v.get("version").asInt() == training.get("version").asInt()) {
                return v;
            }
        }
        throw new AssertionError("version " + training.get("version") + " of " + model + " is not in the registry");
    }
}
