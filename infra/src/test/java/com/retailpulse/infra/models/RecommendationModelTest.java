package com.retailpulse.infra.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recommendation model trained from the event store on the running platform: customers of four
 * tastes buy from their own shelf of products; the trained model, measured against popularity by
 * leave-last-basket-out, is registered with its data window and metrics, put in service, and
 * recommends a customer products from their own shelf they have not bought yet.
 */
@IntegrationTest
class RecommendationModelTest {

    private static final int SHELVES = 4;
    private static final int PRODUCTS_PER_SHELF = 25;
    private static final int CUSTOMERS_PER_SHELF = 25;

    @LocalServerPort
    int port;

    private String sku(String run, int shelf, int product) {
        return "R" + run + "-S" + shelf + "-P" + product;
    }

    @Test
    void a_model_trained_from_the_event_store_is_registered_with_its_metrics_and_recommends_from_the_customers_taste() {
        Api api = new Api(port);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Random random = new Random(7);
        Instant day = Instant.now().minus(Duration.ofDays(30));
        String shopper = null;
        Set<String> bought = new HashSet<>();
        for (int shelf = 0; shelf < SHELVES; shelf++) {
            for (int c = 0; c < CUSTOMERS_PER_SHELF; c++) {
                String member = "rec" + run + "-" + shelf + "-" + c;
                for (int basket = 0; basket < 3; basket++) {
                    List<String> lines = new ArrayList<>();
                    Set<Integer> picked = new HashSet<>();
                    while (picked.size() < 3) {
                        picked.add(random.nextInt(PRODUCTS_PER_SHELF));
                    }
                    for (int p : picked) {
                        lines.add("{\"sku\":\"" + sku(run, shelf, p) + "\",\"name\":\"Product\",\"quantity\":1,\"unitPrice\":5.00}");
                        if (shelf == 2 && c == 0) {
                            bought.add(sku(run, shelf, p));
                        }
                    }
                    Api.Response r = api.postJson("/api/v1/ingest/orders", Api.ingest(), """
                            {"orderId":"%s","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"GBP",
                             "lines":[%s],"channel":"web"}""".formatted(member + "-" + basket, member,
                            day.plus(Duration.ofDays(basket * 7L + shelf)), String.join(",", lines)));
                    assertThat(r.status()).as(r.body()).isEqualTo(202);
                    if (shelf == 2 && c == 0) {
                        shopper = r.json().get("customerId").asText();
                    }
                }
            }
        }

        Api.Response started = api.postJson("/api/v1/models/recommendations/trainings", Api.admin(), "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asText();
        JsonNode training = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/api/v1/models/trainings/" + id, Api.analyst()).json(),
                        t -> !t.get("status").asText().matches("QUEUED|RUNNING"));
        assertThat(training.get("status").asText()).as(training.toString()).isEqualTo("COMPLETED");
        assertThat(training.get("eventsRead").asLong()).isGreaterThanOrEqualTo(SHELVES * CUSTOMERS_PER_SHELF * 3);
        assertThat(training.get("promoted").asBoolean()).as(training.toString()).isTrue();

        JsonNode versions = api.get("/api/v1/models/recommendations", Api.auditor()).json();
        JsonNode version = versions.get(versions.size() - 1);
        assertThat(version.get("version").asInt()).isEqualTo(training.get("version").asInt());
        assertThat(version.get("algorithm").asText()).isEqualTo("bpr");
        assertThat(version.get("trainedBy").asText()).isEqualTo("admin");
        assertThat(version.at("/metrics/hr@10").asDouble()).as(version.toString())
                .isGreaterThan(version.at("/baseline/hr@10").asDouble());
        assertThat(version.get("trainingRows").asLong()).isGreaterThanOrEqualTo(SHELVES * CUSTOMERS_PER_SHELF * 9L);
        assertThat(version.get("bytes").asLong()).isPositive();

        JsonNode recommended = api.get("/api/v1/customers/" + shopper + "/recommendations?k=5", Api.marketer()).json();
        assertThat(recommended.get("version").asInt()).isEqualTo(version.get("version").asInt());
        List<String> items = StreamSupport.stream(recommended.get("items").spliterator(), false)
                .map(i -> i.get("sku").asText()).toList();
        assertThat(items).hasSize(5).doesNotContainAnyElementsOf(bought)
                .allSatisfy(sku -> assertThat(sku).as("from the shopper's own shelf").startsWith("R" + run + "-S2-"));

        JsonNode similar = api.get("/api/v1/catalogue/products/" + sku(run, 1, 0) + "/similar?k=5", Api.analyst()).json();
        assertThat(similar.get("items")).hasSize(5).allSatisfy(i -> assertThat(i.get("sku").asText()).startsWith("R" + run + "-S1-"));

        assertThat(api.get("/api/v1/customers/" + shopper + "/recommendations?k=0", Api.marketer()).status()).isEqualTo(400);
        assertThat(api.postJson("/api/v1/models/recommendations/trainings", Api.analyst(), "").status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/models/telepathy/trainings", Api.admin(), "").status()).isEqualTo(400);
    }
}
