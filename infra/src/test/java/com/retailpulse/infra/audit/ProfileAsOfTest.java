package com.retailpulse.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.Orders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer's profile as of a past moment (docs/audit.md): rebuilt from the events stored by then with the
 * live projection's logic, so as of now it says what the live profile says, and as of an earlier moment
 * what the customer had done by then.
 */
@IntegrationTest
class ProfileAsOfTest {

    @LocalServerPort
    int port;

    @Test
    void the_auditor_sees_the_profile_as_it_stood_then_and_as_of_now_it_is_the_live_profile() throws Exception {
        Api api = new Api(port);
        String member = "ASOF" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response first = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("asof-1-" + member, member, Instant.now().minus(Duration.ofDays(40)).toString(), 1, "20.00"));
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        String customerId = first.json().get("customerId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> live(api, customerId).at("/orders/count").asInt() == 1);
        Thread.sleep(1100);
        Instant between = Instant.now();
        Thread.sleep(1100);
        for (int i = 2; i <= 3; i++) {
            Api.Response order = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                    Orders.json("asof-" + i + "-" + member, member, Instant.now().minus(Duration.ofDays(2)).toString(), 2, "35.00"));
            assertThat(order.status()).as(order.body()).isEqualTo(202);
        }
        JsonNode now = await().atMost(Duration.ofSeconds(30)).until(() -> live(api, customerId), p -> p.at("/orders/count").asInt() == 3);

        String path = "/api/v1/audit/customers/" + customerId + "/profile?asOf=";
        assertThat(api.get(path + between, Api.marketer()).status()).isEqualTo(403);
        Api.Response then = api.get(path + between, Api.auditor());
        assertThat(then.status()).as(then.body()).isEqualTo(200);
        JsonNode past = then.json();
        assertThat(past.at("/orders/count").asInt()).as("one order had been stored by then").isEqualTo(1);
        assertThat(past.at("/orders/revenue").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(past.at("/rfm/recencyDays").asLong()).as("40 days before the moment asked about").isEqualTo(40);
        assertThat(past.at("/orders/lastOrderAt").asText()).isNotEqualTo(now.at("/orders/lastOrderAt").asText());

        // as of the live profile's last update: the same derivation gives the same orders, RFM values and tags
        JsonNode rebuilt = api.get(path + now.get("updatedAt").asText(), Api.auditor()).json();
        assertThat(rebuilt.get("orders")).isEqualTo(now.get("orders"));
        assertThat(rebuilt.at("/rfm/frequency")).isEqualTo(now.at("/rfm/frequency"));
        assertThat(rebuilt.at("/rfm/monetary").decimalValue()).isEqualByComparingTo(now.at("/rfm/monetary").decimalValue());
        assertThat(rebuilt.get("tags")).isEqualTo(now.get("tags"));

        // bad input named; before the customer existed there is nothing
        Api.Response missing = api.get("/api/v1/audit/customers/" + customerId + "/profile", Api.auditor());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("asOf: an ISO-8601 instant");
        Api.Response future = api.get(path + Instant.now().plus(Duration.ofDays(1)), Api.auditor());
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("is in the future");
        assertThat(api.get(path + Instant.now().minus(Duration.ofDays(365)), Api.auditor()).status()).isEqualTo(404);
    }

    private static JsonNode live(Api api, String customerId) {
        return api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()).json();
    }
}
