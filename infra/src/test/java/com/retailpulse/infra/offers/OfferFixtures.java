package com.retailpulse.infra.offers;

import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Orders;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Customers and offers for the offer tests, made through the API as a user would. */
final class OfferFixtures {

    private OfferFixtures() {
    }

    static String customer(Api api) {
        Api.Response response = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("OF-" + System.nanoTime(), Orders.newMember(), "2026-11-20T10:15:00Z", 1, "1.00"));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("customerId").asText();
    }

    static List<String> customers(Api api, int n) {
        return IntStream.range(0, n).parallel().mapToObj(i -> customer(api)).toList();
    }

    /** "100 minus 20, 200 minus 50" in CNY, valid from yesterday for 30 days. */
    static String tieredOffer(String name, int stock, int perCustomer) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return """
                {"name":"%s","currency":"CNY","stock":%d,"perCustomerLimit":%d,
                 "reward":{"kind":"threshold","tiers":[{"threshold":100,"discount":20},{"threshold":200,"discount":50}]},
                 "validFrom":"%s","validUntil":"%s"}
                """.formatted(name, stock, perCustomer, now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));
    }

    static String issue(String customerId, String issuanceId) {
        return "{\"customerId\":\"" + customerId + "\",\"issuanceId\":\"" + issuanceId + "\"}";
    }

    static String redemption(String orderId, String customerId, String basketTotal) {
        return "{\"orderId\":\"" + orderId + "\",\"customerId\":\"" + customerId + "\",\"basketTotal\":" + basketTotal
                + ",\"currency\":\"CNY\"}";
    }
}
