package com.retailpulse.infra.ingest.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ConsentIngestOverHttpTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private static String consent(String type, String value, String channel, boolean granted, String at) {
        return """
                {"customer":{"type":"%s","value":"%s"},"channel":"%s","purpose":"marketing","granted":%s,
                 "at":"%s","source":"app-settings"}""".formatted(type, value, channel, granted, at);
    }

    private boolean recorded(String json) {
        Api.Response response = api.postJson("/api/v1/consents", Api.ingest(), json);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("recorded").asBoolean();
    }

    @Test
    void consent_changes_are_recorded_once_and_a_late_statement_is_ignored() {
        String member = CrmSamples.newMember().code();
        assertThat(recorded(consent("member", member, "sms", true, "2026-11-20T10:00:00Z"))).isTrue();
        assertThat(recorded(consent("member", member, "sms", true, "2026-11-21T10:00:00Z"))).as("no change").isFalse();
        assertThat(recorded(consent("member", member, "sms", false, "2026-11-22T10:00:00Z"))).isTrue();
        assertThat(recorded(consent("member", member, "sms", true, "2026-11-21T12:00:00Z"))).as("older than the withdrawal").isFalse();
        assertThat(recorded(consent("member", member, "wechat", true, "2026-11-21T12:00:00Z"))).as("another channel").isTrue();

        JsonNode events = CrmSamples.events(api, CrmSamples.customerIdOf(api, member));
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("CustomerCreatedEvent",
                "ConsentGivenEvent", "ConsentWithdrawnEvent", "ConsentGivenEvent");
        assertThat(events.get(2).at("/payload/at").asText()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(events.get(2).at("/payload/source").asText()).isEqualTo("app-settings");
        assertThat(events.get(2).at("/metadata/source").asText()).isEqualTo("http:/api/v1/consents");
        assertThat(events.get(3).at("/payload/channel").asText()).isEqualTo("wechat");
    }

    @Test
    void a_customer_known_by_phone_is_addressed_by_a_pseudonym_never_the_number() {
        CrmSamples.Member member = CrmSamples.newMember();
        Api.Response response = api.postJson("/api/v1/consents", Api.ingest(),
                consent("phone", "+86 " + member.phoneDigits(), "sms", true, "2026-11-20T10:00:00Z"));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String customerId = response.json().get("customerId").asText();
        Api.Response history = api.get("/api/v1/customers/" + customerId + "/events", Api.auditor());
        assertThat(history.body()).doesNotContain(member.phoneDigits());
        JsonNode created = history.json().get("events").get(0).at("/payload/identifier");
        assertThat(created.get("type").asText()).isEqualTo("PHONE");
        assertThat(created.get("value").asText()).hasSize(27).doesNotContain(member.phoneDigits().substring(3));

        Api.Response sameNumberWrittenElsewise = api.postJson("/api/v1/consents", Api.ingest(),
                consent("phone", member.phoneDigits(), "email", true, "2026-11-20T10:00:00Z"));
        assertThat(sameNumberWrittenElsewise.json().get("customerId").asText()).isEqualTo(customerId);
    }

    @Test
    void a_batch_records_the_valid_statements_and_names_each_bad_one() {
        String member = CrmSamples.newMember().code();
        String batch = "[" + consent("member", member, "email", true, "2026-11-20T10:00:00Z") + ","
                + """
                {"customer":{"type":"member","value":"%s"},"channel":"pigeon","purpose":"gossip","granted":"maybe","at":"soon"}"""
                .formatted(member)
                + "," + consent("member", member, "app-push", false, "2026-11-20T10:00:00Z") + "]";
        Api.Response response = api.postJson("/api/v1/consents", Api.ingest(), batch);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().get("recorded").asInt()).isEqualTo(2);
        assertThat(response.json().at("/rejects/0/index").asInt()).isEqualTo(1);
        assertThat(response.json().at("/rejects/0/errors")).extracting(JsonNode::asText)
                .anySatisfy(e -> assertThat(e).startsWith("channel: unknown channel 'pigeon'"))
                .anySatisfy(e -> assertThat(e).startsWith("purpose: unknown purpose 'gossip'"))
                .anySatisfy(e -> assertThat(e).isEqualTo("granted: must be true or false"))
                .anySatisfy(e -> assertThat(e).startsWith("at: 'soon' is not a time"));
        JsonNode events = CrmSamples.events(api, CrmSamples.customerIdOf(api, member));
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly("CustomerCreatedEvent", "ConsentGivenEvent", "ConsentWithdrawnEvent");
    }

    @Test
    void a_single_bad_statement_is_a_problem_naming_the_fields() {
        Api.Response refused = api.postJson("/api/v1/consents", Api.ingest(),
                "{\"customer\":{\"type\":\"shoe\",\"value\":\"1\"},\"channel\":\"sms\",\"purpose\":\"marketing\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("title").asText()).isEqualTo("Invalid consent");
        assertThat(refused.json().get("errors")).extracting(JsonNode::asText)
                .anySatisfy(e -> assertThat(e).startsWith("customer.type: unknown identifier type 'shoe'"))
                .anySatisfy(e -> assertThat(e).startsWith("granted: is required"));
        assertThat(api.postJson("/api/v1/consents", Api.analyst(), consent("member", "x", "sms", true, "2026-11-20T10:00:00Z"))
                .status()).isEqualTo(403);
    }
}
