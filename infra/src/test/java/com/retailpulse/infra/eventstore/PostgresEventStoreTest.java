package com.retailpulse.infra.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.RetailPulseApplication;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Orders;
import com.retailpulse.infra.support.TestStack;
import com.retailpulse.infra.support.TestStackInitializer;
import com.retailpulse.infra.support.TestUsers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The production alternative to Axon Server: Axon's JDBC event store on a real PostgreSQL server. */
@SpringBootTest(classes = RetailPulseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "retailpulse.local-stack.enabled=false",
                "retailpulse.kafka.ingest.enabled=false",
                "retailpulse.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
                "retailpulse.security.ingest-key=" + TestUsers.INGEST_KEY,
                "spring.sql.init.platform=postgresql",
                "spring.quartz.properties.org.quartz.jobStore.driverDelegateClass=org.quartz.impl.jdbcjobstore.PostgreSQLDelegate",
                "spring.quartz.properties.org.quartz.dataSource.deadlines.driver=org.postgresql.Driver",
                "spring.datasource.username=retailpulse"})
@ContextConfiguration(initializers = TestStackInitializer.class)
// Its own application context: closed after this class so its processors stop competing for the CPU.
@DirtiesContext
class PostgresEventStoreTest {

    private static LocalPostgres postgres;

    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    /** On a laptop without PostgreSQL this test is skipped with a reason; on CI it must run. */
    @BeforeAll
    static void requirePostgres() {
        if (LocalPostgres.serverBinaries().isEmpty() && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("PostgreSQL server binaries not found under /usr/lib/postgresql: "
                    + "install the package 'postgresql' to run this test (.ci/run does)");
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        Path bin = LocalPostgres.serverBinaries().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL server binaries not found under /usr/lib/postgresql: install the Debian package "
                        + "'postgresql' (.ci/run does)"));
        postgres = LocalPostgres.start(bin, TestStack.newAppDataDir("postgres"));
        // Stopped when the JVM exits, after this class's application context has been closed.
        LocalPostgres started = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop: " + e.getMessage());
            }
        }, "postgres-shutdown"));
        registry.add("spring.datasource.url", postgres::jdbcUrl);
    }

    @Test
    void orders_are_stored_as_events_in_postgresql_and_reach_the_profile() {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        Api api = new Api(port);
        String member = Orders.newMember();
        String order = Orders.json("PG-1", member, "2026-11-20T10:15:00Z", 2, "9.99");
        Api.Response accepted = api.postJson("/api/v1/ingest/orders", Api.ingest(), order);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(api.postJson("/api/v1/ingest/orders", Api.ingest(), order).json().get("recorded").asBoolean()).isFalse();
        String customerId = accepted.json().get("customerId").asText();

        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%OrderPlacedEvent'", String.class, customerId);
        assertThat(payload).contains("\"orderId\":\"PG-1\"").contains("\"total\":19.98");

        JsonNode profile = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.admin()),
                r -> r.status() == 200 && r.json().at("/orders/count").asLong() == 1).json();
        assertThat(profile.at("/orders/revenue").decimalValue()).isEqualByComparingTo("19.98");
        assertThat(api.get("/api/v1/customers/" + customerId + "/events", Api.admin()).json().get("events")).hasSize(2);
    }
}
