package com.retailpulse.infra.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.stream.StreamSupport;

import static com.retailpulse.infra.offers.OfferFixtures.issue;
import static com.retailpulse.infra.offers.OfferFixtures.redemption;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An offer's life through the API on the running platform: terms checked, coupons issued, looked up and redeemed. */
@IntegrationTest
class OffersTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private static String errors(Api.Response response) {
        return response.json().get("errors").toString();
    }

    @Test
    void broken_terms_are_refused_with_every_field_named_and_nothing_is_created() {
        Api.Response response = api.postJson("/api/v1/offers", Api.marketer(), """
                {"name":" ","currency":"CNY","stock":10,"perCustomerLimit":1,
                 "reward":{"kind":"threshold","tiers":[{"threshold":200,"discount":50},{"threshold":100,"discount":-20},
                                                        {"threshold":300,"discount":300}]},
                 "validFrom":"2026-12-01T00:00:00Z","validUntil":"2026-11-01T00:00:00Z"}
                """);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo("Invalid offer");
        assertThat(errors(response)).contains("name: required", "reward.tiers[1].discount: must be above zero, got -20",
                "reward.tiers[2].discount: must be below its threshold 300", "validUntil: must be after validFrom");

        Api.Response unsorted = api.postJson("/api/v1/offers", Api.marketer(), OfferFixtures.tieredOffer("Unsorted", 10, 1)
                .replace("{\"threshold\":100,\"discount\":20},{\"threshold\":200,\"discount\":50}",
                        "{\"threshold\":200,\"discount\":50},{\"threshold\":200,\"discount\":60}"));
        assertThat(unsorted.status()).isEqualTo(400);
        assertThat(errors(unsorted)).contains("reward.tiers[1].threshold: tiers must be sorted by threshold, ascending and without duplicates");

        Api.Response voucher = api.postJson("/api/v1/offers", Api.marketer(), """
                {"name":"Minus","currency":"CNY","stock":0,"perCustomerLimit":1,"reward":{"kind":"voucher","amount":0},
                 "validFrom":"2026-12-01T00:00:00Z","validUntil":"2026-12-31T00:00:00Z"}
                """);
        assertThat(errors(voucher)).contains("reward.amount: must be above zero, got 0", "stock: must be 1–100000 coupons, got 0");

        Api.Response kind = api.postJson("/api/v1/offers", Api.marketer(), """
                {"name":"What","currency":"CNY","stock":1,"perCustomerLimit":1,"reward":{"kind":"cashback"}}
                """);
        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.json().get("detail").asText()).startsWith("reward");
    }

    @Test
    void a_coupon_is_issued_once_per_issuance_gives_the_best_tier_and_is_redeemed_once() {
        String ann = OfferFixtures.customer(api);
        String bob = OfferFixtures.customer(api);
        Api.Response draft = api.postJson("/api/v1/offers", Api.marketer(), OfferFixtures.tieredOffer("Winter 100-20", 5, 1));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        String offer = draft.json().get("offerId").asText();
        assertThat(draft.json().get("state").asText()).isEqualTo("DRAFT");

        // a draft issues nothing, and may still change
        Api.Response early = api.postJson("/api/v1/offers/" + offer + "/coupons", Api.marketer(), issue(ann, "early"));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("reason").asText()).isEqualTo("OFFER_NOT_ACTIVE");
        Api.Response changed = api.putJson("/api/v1/offers/" + offer, Api.marketer(), OfferFixtures.tieredOffer("Winter 100-20", 10, 1));
        assertThat(changed.json().at("/terms/stock").asInt()).isEqualTo(10);
        assertThat(api.postJson("/api/v1/offers/" + offer + "/activate", Api.marketer(), "").json().get("state").asText())
                .isEqualTo("ACTIVE");
        Api.Response frozen = api.putJson("/api/v1/offers/" + offer, Api.marketer(), OfferFixtures.tieredOffer("Winter", 99, 1));
        assertThat(frozen.status()).isEqualTo(409);
        assertThat(errors(frozen)).contains("state: only a draft can be changed");

        Api.Response issued = api.postJson("/api/v1/offers/" + offer + "/coupons", Api.marketer(), issue(ann, "journey-7:ann"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String code = issued.json().get("code").asText();
        assertThat(code).startsWith(offer + "-");
        Api.Response retried = api.postJson("/api/v1/offers/" + offer + "/coupons", Api.marketer(), issue(ann, "journey-7:ann"));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("code").asText()).isEqualTo(code);
        Api.Response second = api.postJson("/api/v1/offers/" + offer + "/coupons", Api.marketer(), issue(ann, "journey-8:ann"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("reason").asText()).isEqualTo("CUSTOMER_LIMIT_REACHED");
        assertThat(api.postJson("/api/v1/offers/" + offer + "/coupons", Api.marketer(), issue("nobody-" + System.nanoTime(), "x"))
                .status()).isEqualTo(400);

        // the POS asks what the coupon gives this basket, typed sloppily
        JsonNode lookup = await().atMost(Duration.ofSeconds(15)).until(
                () -> api.get("/api/v1/coupons/" + code.toLowerCase().replace("-", "") + "?basketTotal=250", Api.ingest()),
                r -> r.status() == 200).json();
        assertThat(lookup.get("status").asText()).isEqualTo("VALID");
        assertThat(lookup.get("customerId").asText()).isEqualTo(ann);
        assertThat(lookup.at("/forBasket/discount/amount").decimalValue()).isEqualByComparingTo("50");

        String redeemPath = "/api/v1/coupons/" + code + "/redemptions";
        Api.Response wrongCustomer = api.postJson(redeemPath, Api.ingest(), redemption("order-1", bob, "250"));
        assertThat(wrongCustomer.status()).isEqualTo(409);
        assertThat(wrongCustomer.json().get("reason").asText()).isEqualTo("WRONG_CUSTOMER");
        Api.Response tooSmall = api.postJson(redeemPath, Api.ingest(), redemption("order-1", ann, "99.99"));
        assertThat(tooSmall.json().get("reason").asText()).isEqualTo("BELOW_THRESHOLD");

        Api.Response redeemed = api.postJson(redeemPath, Api.ingest(), redemption("order-1", ann, "199.99"));
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(201);
        assertThat(redeemed.json().at("/discount/amount").decimalValue()).isEqualByComparingTo("20");
        Api.Response again = api.postJson(redeemPath, Api.ingest(), redemption("order-1", ann, "199.99"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("redeemedAt")).isEqualTo(redeemed.json().get("redeemedAt"));
        Api.Response otherOrder = api.postJson(redeemPath, Api.ingest(), redemption("order-2", ann, "300"));
        assertThat(otherOrder.status()).isEqualTo(409);
        assertThat(otherOrder.json().get("reason").asText()).isEqualTo("ALREADY_REDEEMED");

        char last = code.charAt(code.length() - 1);
        String typo = code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');
        Api.Response mistyped = api.postJson("/api/v1/coupons/" + typo + "/redemptions", Api.ingest(), redemption("order-3", ann, "300"));
        assertThat(mistyped.status()).isEqualTo(404);
        assertThat(mistyped.json().get("reason").asText()).isEqualTo("UNKNOWN_CODE");

        JsonNode listed = await().atMost(Duration.ofSeconds(15)).until(() -> StreamSupport.stream(
                        api.get("/api/v1/offers", Api.analyst()).json().spliterator(), false)
                .filter(o -> o.get("offerId").asText().equals(offer)).findFirst().orElseThrow(), o -> o.get("redeemed").asInt() == 1);
        assertThat(listed.get("issued").asInt()).isEqualTo(1);
        assertThat(listed.get("stockLeft").asInt()).isEqualTo(9);

        // paused: no new coupons; ended: the coupons are withdrawn
        assertThat(api.postJson("/api/v1/offers/" + offer + "/pause", Api.marketer(), "").json().get("state").asText()).isEqualTo("PAUSED");
        Api.Response whilePaused = api.postJson("/api/v1/offers/" + offer + "/coupons", Api.marketer(), issue(bob, "journey-7:bob"));
        assertThat(whilePaused.json().get("reason").asText()).isEqualTo("OFFER_NOT_ACTIVE");
        assertThat(api.postJson("/api/v1/offers/" + offer + "/end", Api.marketer(), "{\"reason\":\"budget spent\"}")
                .json().get("state").asText()).isEqualTo("ENDED");
        Api.Response revived = api.postJson("/api/v1/offers/" + offer + "/activate", Api.marketer(), "");
        assertThat(revived.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/coupons/" + code, Api.auditor()).json().get("status").asText()).isEqualTo("REDEEMED");
    }

    @Test
    void unknown_offers_and_codes_answer_404() {
        assertThat(api.get("/api/v1/offers/ZZZZZZZZ", Api.analyst()).status()).isEqualTo(404);
        Api.Response activate = api.postJson("/api/v1/offers/ZZZZZZZZ/activate", Api.marketer(), "");
        assertThat(activate.status()).isEqualTo(404);
        Api.Response notACode = api.get("/api/v1/coupons/HELLO", Api.ingest());
        assertThat(notACode.status()).isEqualTo(404);
        assertThat(notACode.json().get("reason").asText()).isEqualTo("UNKNOWN_CODE");
    }
}
