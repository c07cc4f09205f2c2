package com.retailpulse.infra.ingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.TransactionImports;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.PosFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class TransactionImportTest {

    @LocalServerPort
    int port;
    Api api;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private static String fileFor(long member) {
        return PosFiles.sample("9", member, "A" + member);
    }

    private JsonNode importFile(Path file) {
        return TransactionImports.run(api, file, Duration.ofSeconds(30));
    }

    @Test
    void a_pos_file_becomes_orders_cancellations_and_anonymous_sales_and_bad_rows_are_named() throws Exception {
        long member = 90_000 + (System.nanoTime() % 9_000);
        Path gz = PosFiles.gzip(dir.resolve("pos.csv.gz"), fileFor(member));
        JsonNode status = importFile(gz);
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("COMPLETED");
        assertThat(status.get("rowsRead").asLong()).isEqualTo(7);
        assertThat(status.get("rowsRejected").asLong()).isEqualTo(2);
        assertThat(status.get("rowsImported").asLong()).isEqualTo(5);
        assertThat(status.get("ordersRecorded").asLong()).isEqualTo(2);
        assertThat(status.get("cancellationsRecorded").asLong()).isEqualTo(1);
        assertThat(status.get("anonymousRecorded").asLong()).isEqualTo(1);
        assertThat(status.get("customersSeen").asLong()).isEqualTo(1);

        JsonNode rejects = api.get("/api/v1/imports/" + status.get("importId").asText() + "/rejects", Api.admin()).json();
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(0).get("line").asLong()).isEqualTo(5);
        assertThat(rejects.get(0).get("reason").asText()).containsIgnoringCase("quantity").contains("oops");
        assertThat(rejects.get(1).get("line").asLong()).isEqualTo(8);
        assertThat(rejects.get(1).get("reason").asText()).containsIgnoringCase("price").contains("-5.95");

        String customerId = CustomerId.firstSeenAs(CustomerIdentifier.parse("member:" + member)).value();
        JsonNode profile = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()),
                r -> r.status() == 200 && r.json().at("/orders/cancelled").asLong() == 1).json();
        assertThat(profile.at("/orders/count").asLong()).isEqualTo(2);
        assertThat(profile.at("/orders/revenue").decimalValue()).isEqualByComparingTo("46.74"); // 15.30 + 20.34 + 11.10
        assertThat(profile.at("/orders/refunded").decimalValue()).isEqualByComparingTo("5.10");
        assertThat(profile.at("/rfm/monetary").decimalValue()).isEqualByComparingTo("41.64");
        assertThat(profile.at("/orders/lastOrderAt").asText()).isEqualTo("2011-06-01T08:00:00Z"); // BST

        JsonNode again = importFile(gz);
        assertThat(again.get("ordersRecorded").asLong()).as("re-importing changes nothing").isZero();
        assertThat(again.get("cancellationsRecorded").asLong()).isZero();
        assertThat(again.get("anonymousRecorded").asLong()).isZero();
        assertThat(again.get("alreadyKnown").asLong()).isEqualTo(4);
        assertThat(api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json().get("events")).hasSize(4);
    }

    @Test
    void a_file_in_an_unknown_layout_fails_with_the_header_it_found() throws Exception {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "order,item,qty\n1,A,2\n");
        JsonNode status = importFile(csv);
        assertThat(status.get("status").asText()).isEqualTo("FAILED");
        assertThat(status.get("error").asText()).contains("order").contains("item").contains("qty");
    }

    @Test
    void imports_are_for_administrators_only() throws Exception {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, fileFor(1));
        assertThat(api.postMultipart("/api/v1/imports/transactions", Api.analyst(), "file", csv).status()).isEqualTo(403);
        assertThat(api.postMultipart("/api/v1/imports/transactions", Api.ingest(), "file", csv).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/imports/whatever", Api.admin()).status()).isEqualTo(404);
    }
}
