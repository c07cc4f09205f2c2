package com.retailpulse.infra.ingest.crm;

import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class CustomerPrivacySnapshotTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_snapshotted_customer_still_knows_its_consent_and_profile_and_the_snapshot_holds_no_clear_personal_data() {
        Api api = new Api(port);
        CrmSamples.Member member = CrmSamples.newMember();
        assertThat(api.postJson("/api/v1/members", Api.ingest(), member.json("gold", "")).status()).isEqualTo(202);
        List<String> statements = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int n = 0; n < 105; n++) {
            statements.add("""
                    {"customer":{"type":"member","value":"%s"},"channel":"sms","purpose":"marketing","granted":%s,"at":"%s"}"""
                    .formatted(member.code(), n % 2 == 0, start.plusSeconds(3_600L * n)));
        }
        Api.Response flipped = api.postJson("/api/v1/consents", Api.ingest(), "[" + String.join(",", statements) + "]");
        assertThat(flipped.json().get("recorded").asInt()).as(flipped.body()).isEqualTo(105);

        String customerId = CrmSamples.customerIdOf(api, member.code());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Long.class, customerId) > 0);
        String snapshot = new String(jdbc.queryForObject(
                "SELECT payload FROM snapshotevententry WHERE aggregateidentifier = ?", byte[].class, customerId));
        assertThat(snapshot).contains("\"sms/marketing\"").contains("memberProfileFingerprint")
                .doesNotContain(member.name()).doesNotContain(member.phoneDigits()).doesNotContain(member.email().toLowerCase());

        // The last statement (n = 104) gave consent at start + 104 h.
        Api.Response lateOne = api.postJson("/api/v1/consents", Api.ingest(), statements.get(101));
        assertThat(lateOne.json().get("recorded").asBoolean()).as("older than the latest").isFalse();
        Api.Response same = api.postJson("/api/v1/consents", Api.ingest(), statements.get(104)
                .replace(start.plusSeconds(3_600L * 104).toString(), start.plusSeconds(3_600L * 200).toString()));
        assertThat(same.json().get("recorded").asBoolean()).as("no change").isFalse();
        Api.Response profileAgain = api.postJson("/api/v1/members", Api.ingest(), member.json("gold", ""));
        assertThat(profileAgain.json().get("profileRecorded").asBoolean()).as("same profile").isFalse();
    }
}
