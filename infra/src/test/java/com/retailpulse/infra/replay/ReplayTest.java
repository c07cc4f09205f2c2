package com.retailpulse.infra.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.Orders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ReplayTest {

    @LocalServerPort
    int port;

    @Test
    void the_profiles_are_rebuilt_by_replaying_every_event_with_progress_and_come_out_the_same() {
        Api api = new Api(port);
        String member = Orders.newMember();
        api.postJson("/api/v1/ingest/orders", Api.ingest(), Orders.json("R-1", member, "2026-11-20T10:15:00Z", 2, "9.99"));
        String customerId = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("R-2", member, "2026-11-21T10:15:00Z", 1, "5.00")).json().get("customerId").asText();
        JsonNode before = await().atMost(Duration.ofSeconds(15)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()),
                r -> r.status() == 200 && r.json().at("/orders/count").asLong() == 2).json();

        assertThat(api.postJson("/api/v1/admin/replays/customer-profiles", Api.analyst(), "").status()).isEqualTo(403);
        Api.Response started = api.postJson("/api/v1/admin/replays/customer-profiles", Api.admin(), "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode done = await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/api/v1/admin/replays/customer-profiles", Api.admin()).json(),
                s -> !s.get("replaying").asBoolean() && s.get("percent").asDouble() == 100.0);
        assertThat(done.get("head").asLong()).isPositive();
        // the profiles are rebuilt into a new index behind the aliases (ADR 0024): read once queries read it
        await().atMost(Duration.ofSeconds(30)).until(
                () -> !api.get("/api/v1/admin/replays/customer-profiles", Api.admin()).json().at("/rebuild/rebuilding").asBoolean());

        JsonNode after = await().atMost(Duration.ofSeconds(15)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()),
                r -> r.status() == 200 && r.json().at("/orders/count").asLong() == 2).json();
        assertThat(after.get("orders")).isEqualTo(before.get("orders"));
        assertThat(after.get("identifiers")).isEqualTo(before.get("identifiers"));
        assertThat(after.at("/tags/value.ltv")).isEqualTo(before.at("/tags/value.ltv"));
        assertThat(after.at("/tags/activity.order.total")).isEqualTo(before.at("/tags/activity.order.total"));
        assertThat(api.get("/api/v1/admin/replays/no-such-thing", Api.admin()).status()).isEqualTo(404);
    }
}
