package com.retailpulse.infra.ingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

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

    private String fileFor(long member) {
        String m = Long.toString(member);
        String anonymousInvoice = "A" + member;
        return """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                %1$s1,85123A,"WHITE HANGING HEART T-LIGHT HOLDER",6,2010-12-01 08:26:00,2.55,%2$s,United Kingdom
                %1$s1,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,%2$s,United Kingdom
                %1$s2,22633,HAND WARMER UNION JACK,6,2011-06-01 09:00:00,1.85,%2$s.0,United Kingdom
                %1$s2,22632,HAND WARMER RED POLKA DOT,oops,2011-06-01 09:00:00,1.85,%2$s,United Kingdom
                C%1$s3,85123A,"WHITE HANGING HEART T-LIGHT HOLDER",-2,2011-06-02 10:00:00,2.55,%2$s,United Kingdom
                %3$s,22139,,56,2010-12-01 11:52:00,0,,United Kingdom
                %1$s4,21756,BATH BUILDING BLOCK WORD,3,2010-12-01 11:52:00,-5.95,%2$s,United Kingdom
                """.formatted("9" + m, m, anonymousInvoice);
    }

    private JsonNode importFile(Path file) throws IOException, InterruptedException {
        Api.Response accepted = api.postMultipart("/api/v1/imports/transactions", Api.admin(), "file", file);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String importId = accepted.json().get("importId").asText();
        return await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/imports/" + importId, Api.admin()).json(),
                s -> !"RUNNING".equals(s.get("status").asText()));
    }

    @Test
    void a_pos_file_becomes_orders_cancellations_and_anonymous_sales_and_bad_rows_are_named() throws Exception {
        long member = 90_000 + (System.nanoTime() % 9_000);
        Path gz = dir.resolve("pos.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(fileFor(member).getBytes(StandardCharsets.UTF_8));
        }
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
