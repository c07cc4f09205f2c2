package com.retailpulse.infra.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.Orders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A marketer checks a template and sees it filled in for a real customer and offer on the running platform. */
@IntegrationTest
class TemplatePreviewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void a_template_is_filled_in_from_the_customers_profile_and_the_offer_and_mistakes_are_named() throws Exception {
        Api api = new Api(port);
        Api.Response order = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("TP-" + System.nanoTime(), Orders.newMember(), "2026-11-20T10:15:00Z", 4, "25.00"));
        assertThat(order.status()).as(order.body()).isEqualTo(202);
        String customerId = order.json().get("customerId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()),
                r -> r.status() == 200 && r.json().at("/orders/count").asLong() == 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Api.Response offer = api.postJson("/api/v1/offers", Api.marketer(), """
                {"name":"Spring sale","currency":"CNY","stock":10,"perCustomerLimit":1,
                 "reward":{"kind":"threshold","tiers":[{"threshold":100,"discount":20},{"threshold":200,"discount":50}]},
                 "validFrom":"%s","validUntil":"%s"}""".formatted(now, now.plus(30, ChronoUnit.DAYS)));
        assertThat(offer.status()).as(offer.body()).isEqualTo(201);
        String offerId = offer.json().get("offerId").asText();

        String template = "{{offer.name}}: {{#offer.tiers}}满{{threshold}}减{{discount}} {{/offer.tiers}}"
                + "— you have spent {{profile.value.ltv}} ({{profile.activity.order.total}} order).";
        Api.Response preview = api.postJson("/api/v1/templates/previews", Api.marketer(), JSON.writeValueAsString(
                Map.of("template", template, "customerId", customerId, "offerId", offerId, "channel", "sms")));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode view = preview.json();
        assertThat(view.get("text").asText()).isEqualTo("Spring sale: 满100减20 满200减50 — you have spent 100.0 (1 order).");
        assertThat(view.get("smsSegments").asInt()).as("Chinese characters: 70 per message").isEqualTo(1);
        assertThat(view.get("fields").toString()).contains("offer.tiers[].threshold").contains("profile.value.ltv");

        Api.Response check = api.postJson("/api/v1/templates/checks", Api.marketer(),
                JSON.writeValueAsString(Map.of("template", "Hi {{profile.value.ltvv}}, {{> footer}}")));
        assertThat(check.status()).isEqualTo(400);
        assertThat(check.body()).contains("partials are not allowed");
        Api.Response unknown = api.postJson("/api/v1/templates/checks", Api.marketer(),
                JSON.writeValueAsString(Map.of("template", "Hi {{profile.value.ltvv}}")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("{{profile.value.ltvv}}: unknown field profile.value.ltvv");

        Api.Response noOffer = api.postJson("/api/v1/templates/previews", Api.marketer(), JSON.writeValueAsString(
                Map.of("template", "{{offer.name}}", "customerId", customerId, "offerId", "ZZZZZZZZ")));
        assertThat(noOffer.status()).isEqualTo(400);
        assertThat(noOffer.body()).contains("offerId: no offer ZZZZZZZZ");
        assertThat(api.postJson("/api/v1/templates/previews", Api.marketer(), JSON.writeValueAsString(
                Map.of("template", "{{customer.id}}", "customerId", "nobody"))).status()).isEqualTo(404);
        assertThat(api.postJson("/api/v1/templates/checks", Api.analyst(), JSON.writeValueAsString(
                Map.of("template", "{{customer.id}}"))).status()).isEqualTo(403);
    }
}
