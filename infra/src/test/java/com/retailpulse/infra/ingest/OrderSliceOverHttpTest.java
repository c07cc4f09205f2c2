package com.retailpulse.infra.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.Orders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class OrderSliceOverHttpTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private String customerIdOf(String member) {
        Api.Response found = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/v1/customers?identifier=member:" + member, Api.analyst()),
                r -> r.status() == 200);
        return found.json().get("customerId").asText();
    }

    @Test
    void an_order_posted_by_a_source_shows_in_the_customers_profile_and_history() {
        String member = Orders.newMember();
        Api.Response accepted = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("A-1", member, "2026-11-20T10:15:00Z", 6, "2.55"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("recorded").asBoolean()).isTrue();
        api.postJson("/api/v1/ingest/orders", Api.ingest(), Orders.json("A-2", member, "2026-11-22T09:00:00Z", 2, "10.00"));

        String customerId = customerIdOf(member);
        assertThat(customerId).isEqualTo(accepted.json().get("customerId").asText());

        JsonNode profile = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()),
                r -> r.status() == 200 && r.json().at("/orders/count").asLong() == 2).json();
        assertThat(profile.at("/orders/revenue").decimalValue()).isEqualByComparingTo("35.30");
        assertThat(profile.at("/orders/firstOrderAt").asText()).isEqualTo("2026-11-20T10:15:00Z");
        assertThat(profile.at("/orders/lastOrderAt").asText()).isEqualTo("2026-11-22T09:00:00Z");
        assertThat(profile.at("/rfm/frequency").asLong()).isEqualTo(2);
        assertThat(profile.at("/rfm/monetary").decimalValue()).isEqualByComparingTo("35.30");
        assertThat(profile.at("/rfm/recencyDays").isNumber()).isTrue();
        assertThat(profile.at("/identifiers/0").asText()).isEqualTo("member:" + member);

        JsonNode history = api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json();
        JsonNode events = history.get("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("type").asText()).isEqualTo("CustomerCreatedEvent");
        assertThat(events.get(1).get("type").asText()).isEqualTo("OrderPlacedEvent");
        assertThat(events.get(1).at("/payload/orderId").asText()).isEqualTo("A-1");
        assertThat(events.get(1).at("/payload/total").decimalValue()).isEqualByComparingTo("15.30");
        JsonNode metadata = events.get(1).get("metadata");
        assertThat(metadata.get("issuedBy").asText()).isEqualTo("ingest-key");
        assertThat(metadata.get("source").asText()).isEqualTo("http:/api/v1/ingest/orders");
        assertThat(metadata.get("receivedAt").asText()).isNotBlank();
        assertThat(metadata.get("correlationId").asText()).isNotBlank();
    }

    @Test
    void the_same_order_sent_twice_is_recorded_once() {
        String member = Orders.newMember();
        String order = Orders.json("D-1", member, "2026-11-20T10:15:00Z", 1, "5.00");
        assertThat(api.postJson("/api/v1/ingest/orders", Api.ingest(), order).json().get("recorded").asBoolean()).isTrue();
        Api.Response again = api.postJson("/api/v1/ingest/orders", Api.ingest(), order);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("recorded").asBoolean()).isFalse();

        String customerId = customerIdOf(member);
        JsonNode profile = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()),
                r -> r.status() == 200 && r.json().at("/orders/count").asLong() >= 1).json();
        assertThat(profile.at("/orders/count").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json().get("events")).hasSize(2);
    }

    @Test
    void malformed_json_is_refused_with_a_problem_naming_the_field_and_nothing_is_stored() {
        String member = Orders.newMember();
        Api.Response bad = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("B-1", member, "not-a-date", 1, "5.00"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asText()).startsWith("placedAt:");

        Api.Response broken = api.postJson("/api/v1/ingest/orders", Api.ingest(), "{\"orderId\": \"B-2\", ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("detail").asText()).contains("not valid JSON");

        assertThat(api.get("/api/v1/customers?identifier=member:" + member, Api.analyst()).status()).isEqualTo(404);
    }

    @Test
    void an_order_that_breaks_the_contract_is_refused_naming_each_field() {
        String member = Orders.newMember();
        String json = Orders.json("C-1", member, "2026-11-20T10:15:00Z", 0, "-1")
                .replace("\"GBP\"", "\"pounds\"").replace("\"member\"", "\"shoe-size\"");
        Api.Response bad = api.postJson("/api/v1/ingest/orders", Api.ingest(), json);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors")).extracting(JsonNode::asText).anySatisfy(e -> assertThat(e).startsWith("currency:"))
                .anySatisfy(e -> assertThat(e).startsWith("lines[0].quantity:"))
                .anySatisfy(e -> assertThat(e).startsWith("lines[0].unitPrice:"))
                .anySatisfy(e -> assertThat(e).startsWith("customer.type: unknown identifier type 'shoe-size'"));
        assertThat(api.get("/api/v1/customers?identifier=member:" + member, Api.analyst()).status()).isEqualTo(404);
    }

    @Test
    void an_unknown_identifier_or_customer_is_404_and_a_bad_identifier_is_400() {
        assertThat(api.get("/api/v1/customers?identifier=member:nobody-" + System.nanoTime(), Api.analyst()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/00000000-0000-0000-0000-000000000000/profile", Api.analyst()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/00000000-0000-0000-0000-000000000000/events", Api.auditor()).status()).isEqualTo(404);
        Api.Response bad = api.get("/api/v1/customers?identifier=12347", Api.analyst());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asText()).contains("identifier");
    }
}
