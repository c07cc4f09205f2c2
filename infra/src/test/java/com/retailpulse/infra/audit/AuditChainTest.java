package com.retailpulse.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.Orders;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tamper evidence on the real event store (docs/audit.md, ADR 0026): the sealed hash chain verifies; one
 * stored payload changed behind the platform's back (straight in the database) breaks it at the checkpoint
 * that covers the event; put back, it verifies again. The customer's exported trail carries each event's
 * leaf hash.
 */
@IntegrationTest
class AuditChainTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    EventStore events;
    @Autowired
    AuditChain chain;

    @Test
    void a_payload_changed_in_the_database_breaks_the_chain_where_it_was_changed_and_the_trail_shows_each_events_hash() throws Exception {
        Api api = new Api(port);
        String member = "CHAIN" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response order = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("chain-" + member, member, Instant.now().minus(Duration.ofDays(1)).toString(), 3, "7.25"));
        assertThat(order.status()).as(order.body()).isEqualTo(202);
        String customerId = order.json().get("customerId").asText();
        DomainEventMessage<?> placed = await().atMost(Duration.ofSeconds(30)).until(() -> events.readEvents(customerId).asStream()
                .filter(m -> m.getPayload() instanceof OrderPlacedEvent).findFirst().orElse(null), m -> m != null);
        Thread.sleep(6_000); // the sealer leaves the last seconds' events for its next run (a commit may still land behind them)

        assertThat(api.postJson("/api/v1/audit/chain/seal", Api.marketer(), "").status()).isEqualTo(403);
        JsonNode sealed = api.postJson("/api/v1/audit/chain/seal", Api.auditor(), "").json();
        long position = position(placed.getIdentifier());
        assertThat(sealed.at("/head/position").asLong()).as("sealed past the order").isGreaterThanOrEqualTo(position);
        assertThat(sealed.at("/head/hash").asText()).hasSize(64);

        assertThat(verify(api).get("status").asText()).isEqualTo("VERIFIED");

        byte[] original = payload(placed.getIdentifier());
        String text = new String(original, StandardCharsets.UTF_8);
        assertThat(text).contains("7.25");
        update(placed.getIdentifier(), text.replace("7.25", "0.25").getBytes(StandardCharsets.UTF_8));
        try {
            JsonNode broken = verify(api);
            assertThat(broken.get("status").asText()).as(broken.toString()).isEqualTo("BROKEN");
            assertThat(position).as("the changed event lies in the range the verification names")
                    .isGreaterThan(broken.get("brokenFromPosition").asLong())
                    .isLessThanOrEqualTo(broken.get("brokenToPosition").asLong());
            assertThat(broken.get("detail").asText()).contains("changed, removed or inserted after it was sealed");
        } finally {
            update(placed.getIdentifier(), original);
        }
        JsonNode again = verify(api);
        assertThat(again.get("status").asText()).as("put back, it verifies again").isEqualTo("VERIFIED");

        // the latest verifications, newest first, with who asked
        Api.Response recent = api.get("/api/v1/audit/chain/verifications?limit=3", Api.auditor());
        assertThat(recent.status()).as(recent.body()).isEqualTo(200);
        assertThat(recent.json()).hasSize(3);
        assertThat(recent.json().get(0).get("id").asText()).isEqualTo(again.get("id").asText());
        assertThat(recent.json().get(0).get("requestedBy").asText()).isEqualTo("audrey");
        assertThat(recent.json().get(1).get("status").asText()).isEqualTo("BROKEN");
        assertThat(api.get("/api/v1/audit/chain/verifications?limit=0", Api.auditor()).body()).contains("limit: must be a whole number from 1 to 100");
        assertThat(api.get("/api/v1/audit/chain/verifications", Api.marketer()).status()).isEqualTo(403);

        // the exported trail: every event of the customer, with who sent it and its leaf hash
        assertThat(api.get("/api/v1/audit/customers/" + customerId + "/trail", Api.marketer()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/customers/nobody-" + member + "/trail", Api.auditor()).status()).isEqualTo(404);
        Api.Response trail = api.get("/api/v1/audit/customers/" + customerId + "/trail", Api.auditor());
        assertThat(trail.status()).as(trail.body()).isEqualTo(200);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(trail.body())).getRecords();
        long stored = events.readEvents(customerId).asStream().count();
        assertThat(rows).hasSize((int) stored);
        CSVRecord row = rows.stream().filter(r -> r.get("eventId").equals(placed.getIdentifier())).findFirst().orElseThrow();
        assertThat(row.get("event")).isEqualTo("OrderPlacedEvent");
        assertThat(row.get("issuedBy")).isNotBlank();
        assertThat(row.get("source")).isNotBlank();
        assertThat(row.get("leafSha256")).isEqualTo(chain.leafHex(placed)).hasSize(64);
        assertThat(row.get("payload")).contains("chain-" + member);
    }

    private JsonNode verify(Api api) {
        Api.Response started = api.postJson("/api/v1/audit/chain/verifications", Api.auditor(), "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asText();
        return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/v1/audit/chain/verifications/" + id, Api.auditor()).json(),
                        v -> !"RUNNING".equals(v.get("status").asText()));
    }

    private long position(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT globalindex FROM domainevententry WHERE eventidentifier = ?")) {
            s.setString(1, eventId);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getLong(1);
            }
        }
    }

    private byte[] payload(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT payload FROM domainevententry WHERE eventidentifier = ?")) {
            s.setString(1, eventId);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getBytes(1);
            }
        }
    }

    private void update(String eventId, byte[] payload) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE domainevententry SET payload = ? WHERE eventidentifier = ?")) {
            s.setBytes(1, payload);
            s.setString(2, eventId);
            assertThat(s.executeUpdate()).isEqualTo(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }
}
