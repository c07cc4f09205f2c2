package com.retailpulse.infra.ingest.ecommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class EcommerceWebhookTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private String customerOf(String identifier) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/customers?identifier=" + identifier, Api.analyst()), r -> r.status() == 200)
                .json().get("customerId").asText();
    }

    private List<JsonNode> events(String customerId) {
        List<JsonNode> events = new ArrayList<>();
        api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json().get("events").forEach(events::add);
        return events;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    @Test
    void tmall_trades_are_recorded_on_their_buyers_once_however_often_they_are_sent() {
        String run = EcommerceSamples.unique();
        String trades = EcommerceSamples.tmall(run);

        Api.Response accepted = api.postJson("/api/v1/ingest/ecommerce/tmall", Api.ingest(), trades);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode orders = accepted.json().get("orders");
        assertThat(orders).hasSize(3);
        assertThat(orders.get(0).get("disposition").asText()).isEqualTo("paid");
        assertThat(orders.get(0).get("orderRecorded").asBoolean()).isTrue();
        assertThat(orders.get(1).get("disposition").asText()).isEqualTo("cancelled");
        assertThat(orders.get(1).get("cancellationRecorded").asBoolean()).isTrue();
        assertThat(orders.get(2).get("disposition").asText()).isEqualTo("not-paid");
        assertThat(orders.get(2).has("customerId")).isFalse();

        Api.Response again = api.postJson("/api/v1/ingest/ecommerce/tmall", Api.ingest(), trades);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().at("/orders/0/orderRecorded").asBoolean()).isFalse();
        assertThat(again.json().at("/orders/1/orderRecorded").asBoolean()).isFalse();
        assertThat(again.json().at("/orders/1/cancellationRecorded").asBoolean()).isFalse();

        String buyer = customerOf("buyer:tmall:AAHm5d-EAAe" + run + "GwJedwSHpg8bT");
        assertThat(buyer).isEqualTo(orders.get(0).get("customerId").asText());
        List<JsonNode> history = events(buyer);
        assertThat(types(history)).containsExactly("CustomerCreatedEvent", "OrderPlacedEvent");
        JsonNode placed = history.get(1);
        assertThat(placed.at("/payload/orderId").asText()).isEqualTo("tmall:" + run + "012345678");
        assertThat(placed.at("/payload/placedAt").asText()).isEqualTo("2026-11-10T16:03:17Z");
        assertThat(placed.at("/payload/currency").asText()).isEqualTo("CNY");
        assertThat(placed.at("/payload/channel").asText()).isEqualTo("tmall");
        assertThat(placed.at("/payload/storeId").asText()).isEqualTo("retailpulse旗舰店");
        assertThat(placed.at("/payload/total").decimalValue()).isEqualByComparingTo("338.00");
        assertThat(placed.at("/payload/lines/0/sku").asText()).isEqualTo("RP-TEE-WHT-M");
        assertThat(placed.at("/metadata/source").asText()).isEqualTo("http:/api/v1/ingest/ecommerce/tmall");
        assertThat(placed.at("/metadata/issuedBy").asText()).isEqualTo("ingest-key");

        String refunder = customerOf("buyer:tmall:AAGq7x-EAAe" + run + "GwJedwSHpZ2cQ");
        List<JsonNode> refunds = events(refunder);
        assertThat(types(refunds)).containsExactly("CustomerCreatedEvent", "OrderPlacedEvent", "OrderCancelledEvent");
        assertThat(refunds.get(2).at("/payload/cancellationId").asText()).isEqualTo("tmall:" + run + "098765432:cancel");
        assertThat(refunds.get(2).at("/payload/cancelledAt").asText()).isEqualTo("2026-11-14T02:05:00Z");
        assertThat(refunds.get(2).at("/payload/lines/0/quantity").asInt()).isEqualTo(1);

        // The unpaid trade's buyer is nobody's customer yet.
        assertThat(api.get("/api/v1/customers?identifier=buyer:tmall:AAEr3k-EAAe" + run + "GwJedwSHpQ1xR", Api.analyst()).status())
                .isEqualTo(404);
    }

    @Test
    void a_jd_order_that_does_not_fit_is_named_by_index_and_field_and_the_others_are_recorded() {
        String run = EcommerceSamples.unique();
        String jd = EcommerceSamples.jd(run).replace("\"pin\": \"jd_" + run + "77aa01c4e3f02\",", "");

        Api.Response bad = api.postJson("/api/v1/ingest/ecommerce/jd", Api.ingest(), jd);
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        JsonNode problem = bad.json();
        assertThat(problem.get("title").asText()).isEqualTo("Invalid orders");
        assertThat(problem.get("detail").asText()).startsWith("1 of 2 orders do not fit the jd mapping")
                .contains("order 1 /pin: missing");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(problem.at("/errors/0/orderId").asText()).isEqualTo(run + "67999");
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("/pin");
        assertThat(problem.at("/orders/0/index").asInt()).isEqualTo(0);
        assertThat(problem.at("/orders/0/orderRecorded").asBoolean()).isTrue();

        String buyer = customerOf("buyer:jd:jd_" + run + "5f3c2a9e81b7d");
        List<JsonNode> history = events(buyer);
        assertThat(types(history)).containsExactly("CustomerCreatedEvent", "OrderPlacedEvent");
        assertThat(history.get(1).at("/payload/orderId").asText()).isEqualTo("jd:" + run + "67890");
        assertThat(history.get(1).at("/payload/total").decimalValue()).isEqualByComparingTo("179.70");
        assertThat(history.get(1).at("/payload/storeId").asText()).isEqualTo("10086123");
    }

    @Test
    void one_order_object_is_taken_too_and_an_unknown_platform_or_broken_json_is_a_problem() {
        String run = EcommerceSamples.unique();
        JsonNode one = new Api.Response(200, EcommerceSamples.jd(run)).json().get(0);
        Api.Response single = api.postJson("/api/v1/ingest/ecommerce/JD", Api.ingest(), one.toString());
        assertThat(single.status()).as(single.body()).isEqualTo(202);
        assertThat(single.json().at("/orders/0/orderId").asText()).isEqualTo("jd:" + run + "67890");

        Api.Response unknown = api.postJson("/api/v1/ingest/ecommerce/pinduoduo", Api.ingest(), one.toString());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText()).contains("'pinduoduo'").contains("jd, tmall");

        Api.Response broken = api.postJson("/api/v1/ingest/ecommerce/jd", Api.ingest(), "[{\"orderId\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("detail").asText()).contains("not valid JSON");

        Api.Response scalar = api.postJson("/api/v1/ingest/ecommerce/jd", Api.ingest(), "42");
        assertThat(scalar.status()).isEqualTo(400);

        assertThat(api.postJson("/api/v1/ingest/ecommerce/jd", Api.analyst(), one.toString()).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/ingest/ecommerce/jd", null, one.toString()).status()).isEqualTo(401);
    }
}
