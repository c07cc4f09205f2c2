package com.retailpulse.infra.observability;

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
class HealthAndMetricsTest {

    @LocalServerPort
    int port;

    @Test
    void health_shows_each_dependency_up() {
        JsonNode health = new Api(port).get("/actuator/health", Api.admin()).json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        JsonNode components = health.get("components");
        assertThat(components.at("/elasticsearch/status").asText()).isEqualTo("UP");
        assertThat(components.at("/kafka/status").asText()).isEqualTo("UP");
        assertThat(components.at("/kafka/details/brokers").asInt()).isEqualTo(1);
        assertThat(components.at("/mongo/status").asText()).isEqualTo("UP");
        assertThat(components.at("/db/status").asText()).as("the event store's database").isEqualTo("UP");
    }

    @Test
    void prometheus_exposes_the_lag_of_each_projection_and_it_drains_to_zero() {
        Api api = new Api(port);
        api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("M-1", Orders.newMember(), "2026-11-20T10:15:00Z", 1, "1.00"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = api.get("/actuator/prometheus", Api.admin()).body();
            assertThat(metrics).contains("retailpulse_processor_lag_events{application=\"retailpulse\",processor=\"customer-profiles\"} 0.0");
            assertThat(metrics).contains("retailpulse_processor_lag_events{application=\"retailpulse\",processor=\"customer-identities\"} 0.0");
        });
    }
}
