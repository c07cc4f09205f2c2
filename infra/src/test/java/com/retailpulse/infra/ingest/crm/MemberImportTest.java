package com.retailpulse.infra.ingest.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Histories;
import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class MemberImportTest {

    @LocalServerPort
    int port;
    @Value("${retailpulse.data-dir}")
    Path dataDir;
    @TempDir
    Path dir;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private JsonNode importAndWait(Path file) {
        Api.Response started = api.postMultipart("/api/v1/imports/members", Api.admin(), "file", file);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String importId = started.json().get("importId").asText();
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/v1/imports/members/" + importId, Api.admin()).json(),
                status -> !"RUNNING".equals(status.get("status").asText()));
    }

    /** A CRM export: two good members, and five rows each broken in one way (lines 3 to 7). */
    private Path crmExport(CrmSamples.Member a, CrmSamples.Member b, CrmSamples.Member c) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((CrmSamples.CSV_HEADER + "\n" + a.csvRow("gold") + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes((c.csvRow("gold").replace("1990-05-01", "2999-01-01") + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes((c.csvRow("gold").replace(",女,", ",robot,") + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes((c.code() + ",gold,1990-05-01\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes((c.csvRow("gold").replace(c.email(), "not-an-email") + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes((c.code() + ",gold,1990-05-01,f,2,no,").getBytes(StandardCharsets.UTF_8));
        out.writeBytes("王五".getBytes(Charset.forName("GBK")));
        out.writeBytes((",,,,1,1\n" + b.csvRow("silver") + "\n").getBytes(StandardCharsets.UTF_8));
        return Files.write(dir.resolve("crm-export.csv"), out.toByteArray());
    }

    @Test
    void a_crm_csv_is_imported_with_each_bad_row_named_by_line_and_field_and_importing_it_again_records_nothing() throws Exception {
        CrmSamples.Member a = CrmSamples.newMember();
        CrmSamples.Member b = CrmSamples.newMember();
        CrmSamples.Member c = CrmSamples.newMember();
        Path file = crmExport(a, b, c);

        JsonNode done = importAndWait(file);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.get("format").asText()).isEqualTo("csv");
        assertThat(done.get("rowsRead").asLong()).isEqualTo(7);
        assertThat(done.get("rowsImported").asLong()).isEqualTo(2);
        assertThat(done.get("rowsRejected").asLong()).isEqualTo(5);
        assertThat(done.get("profilesRecorded").asLong()).isEqualTo(2);
        assertThat(done.get("consentsRecorded").asLong()).isEqualTo(4);

        JsonNode rejects = api.get("/api/v1/imports/members/" + done.get("importId").asText() + "/rejects", Api.admin()).json();
        assertThat(rejects).extracting(r -> r.get("line").asLong()).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(rejects.get(0).get("reason").asText()).isEqualTo("birthday: '2999-01-01' is in the future");
        assertThat(rejects.get(1).get("reason").asText()).startsWith("gender: unknown gender 'robot'");
        assertThat(rejects.get(2).get("reason").asText()).isEqualTo("expected 12 columns but found 3 (broken CSV line)");
        assertThat(rejects.get(3).get("reason").asText()).startsWith("email: is not an e-mail address");
        assertThat(rejects.get(4).get("reason").asText()).startsWith("name: not valid UTF-8 text (bad encoding");
        assertThat(rejects.toString()).doesNotContain(c.name()).doesNotContain(c.phoneDigits()).doesNotContain("not-an-email");
        assertThat(api.get("/api/v1/customers?identifier=member:" + c.code(), Api.analyst()).status()).isEqualTo(404);

        String customerA = CrmSamples.customerIdOf(api, a.code());
        Api.Response history = api.get("/api/v1/customers/" + customerA + "/events", Api.auditor());
        assertThat(history.body()).doesNotContain(a.name()).doesNotContain(a.phoneDigits()).doesNotContain(a.email())
                .doesNotContain(a.email().toLowerCase()).doesNotContain(a.address());
        JsonNode events = Histories.withoutIdentifierLinks(history.json().get("events"));
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("CustomerCreatedEvent",
                "MemberProfileRecordedEvent", "ConsentGivenEvent", "ConsentWithdrawnEvent");
        assertThat(events.get(1).at("/payload/gender").asText()).isEqualTo("female");
        assertThat(events.get(1).at("/payload/household/hasChildren").asBoolean()).isTrue();
        assertThat(events.get(1).at("/metadata/source").asText())
                .isEqualTo("import:" + done.get("importId").asText() + "/crm-export.csv#2");
        assertThat(events.get(1).at("/metadata/issuedBy").asText()).isEqualTo("admin");
        String customerB = CrmSamples.customerIdOf(api, b.code());
        assertThat(Histories.withoutIdentifierLinks(CrmSamples.events(api, customerB)).get(1).at("/payload/level").asText())
                .isEqualTo("silver");

        JsonNode again = importAndWait(file);
        assertThat(again.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(again.get("rowsImported").asLong()).isEqualTo(2);
        assertThat(again.get("rowsChanged").asLong()).isZero();
        assertThat(again.get("rowsUnchanged").asLong()).isEqualTo(2);
        assertThat(again.get("profilesRecorded").asLong()).isZero();
        assertThat(Histories.withoutIdentifierLinks(CrmSamples.events(api, customerA))).hasSize(4);

        assertThat(dataDir.resolve("imports").resolve("members").resolve(done.get("importId").asText() + ".upload"))
                .as("the upload holds clear personal data and is deleted once imported").doesNotExist();
    }

    @Test
    void a_json_lines_file_is_imported_and_a_broken_line_is_rejected() throws Exception {
        CrmSamples.Member a = CrmSamples.newMember();
        CrmSamples.Member b = CrmSamples.newMember();
        Path file = Files.writeString(dir.resolve("members.jsonl"), a.json("gold", "").replace("\n", "") + "\n"
                + "{\"memberCode\": \"broken\n"
                + b.json("gold", ",\"optIns\":{\"wechat\":true}").replace("\n", "") + "\n");
        JsonNode done = importAndWait(file);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.get("format").asText()).isEqualTo("jsonl");
        assertThat(done.get("rowsImported").asLong()).isEqualTo(2);
        assertThat(done.get("consentsRecorded").asLong()).isEqualTo(1);
        JsonNode rejects = api.get("/api/v1/imports/members/" + done.get("importId").asText() + "/rejects", Api.admin()).json();
        assertThat(rejects).singleElement().satisfies(r -> {
            assertThat(r.get("line").asLong()).isEqualTo(2);
            assertThat(r.get("reason").asText()).startsWith("not valid JSON");
        });
        CrmSamples.customerIdOf(api, b.code());
    }

    @Test
    void a_file_without_a_member_code_column_fails_with_the_reason() throws Exception {
        Path file = Files.writeString(dir.resolve("wrong.csv"), "name,phone\nZhang,13800138000\n");
        JsonNode done = importAndWait(file);
        assertThat(done.get("status").asText()).isEqualTo("FAILED");
        assertThat(done.get("error").asText()).startsWith("header: no member_code column");
    }

    @Test
    void imports_are_for_admins_and_an_unknown_import_is_404() throws Exception {
        Path file = Files.writeString(dir.resolve("m.csv"), "member_code\nX1\n");
        assertThat(api.postMultipart("/api/v1/imports/members", Api.ingest(), "file", file).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/imports/members/nope", Api.admin()).status()).isEqualTo(404);
    }
}
