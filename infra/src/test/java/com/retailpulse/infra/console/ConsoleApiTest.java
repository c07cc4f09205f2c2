package com.retailpulse.infra.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** What the console needs from the platform: its files and how to sign in without sign-in, who is signed in, the segment fields. */
@IntegrationTest
class ConsoleApiTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void the_console_files_are_served_without_sign_in_and_carry_no_data() {
        Api.Response index = api.get("/console/", null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
        assertThat(api.get("/console/js/app.js", null).status()).isEqualTo(200);
        assertThat(api.get("/console/i18n/zh.json", null).json().get("nav.customers").asText()).isEqualTo("客户 360");
        assertThat(api.get("/console", null).status()).isEqualTo(302);
        assertThat(api.get("/console/no-such-file.js", null).status()).isEqualTo(404);
        // only the files: the API behind them still asks who you are
        assertThat(api.get("/api/v1/segments", null).status()).isEqualTo(401);
    }

    @Test
    void the_console_learns_without_sign_in_that_it_signs_in_with_a_user_name_and_password() {
        Api.Response settings = api.get("/api/v1/console/settings", null);
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.json().get("mode").asText()).isEqualTo("embedded");
        assertThat(settings.json().has("identityProvider")).isFalse();
        assertThat(api.postJson("/api/v1/console/settings", null, "{}").status()).isEqualTo(401);
    }

    @Test
    void me_tells_the_signed_in_user_and_every_role_they_have() {
        JsonNode mark = api.get("/api/v1/me", Api.marketer()).json();
        assertThat(mark.get("user").asText()).isEqualTo("mark");
        assertThat(roles(mark)).containsExactly("MARKETER");
        assertThat(roles(api.get("/api/v1/me", Api.auditor()).json())).containsExactly("AUDITOR");
        assertThat(roles(api.get("/api/v1/me", Api.admin()).json()))
                .containsExactly("ADMIN", "ANALYST", "AUDITOR", "INGEST", "MARKETER");
        assertThat(api.get("/api/v1/me", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", Api.basic("mark", "wrong")).status()).isEqualTo(401);
    }

    @Test
    void segment_fields_list_every_dimension_with_its_type_for_marketers_and_analysts() {
        Api.Response response = api.get("/api/v1/segments/fields", Api.marketer());
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> fields = StreamSupport.stream(response.json().spliterator(), false).toList();
        assertThat(fields).hasSizeGreaterThan(250);
        JsonNode ltv = fields.stream().filter(f -> f.get("name").asText().equals("value.ltv")).findFirst().orElseThrow();
        assertThat(ltv.get("type").asText()).isEqualTo("double");
        assertThat(ltv.get("group").asText()).isEqualTo("value");
        assertThat(ltv.get("definition").asText()).contains("lifetime value");
        assertThat(fields).anySatisfy(f -> {
            assertThat(f.get("name").asText()).isEqualTo("activity.order.7d");
            assertThat(f.get("type").asText()).isEqualTo("long");
        });
        assertThat(api.get("/api/v1/segments/fields", Api.analyst()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/segments/fields", Api.auditor()).status()).isEqualTo(403);
    }

    @Test
    void fields_is_no_segment_key() {
        Api.Response refused = api.putJson("/api/v1/segments/fields", Api.marketer(),
                "{\"name\": \"Fields\", \"condition\": {\"field\": \"value.ltv\", \"op\": \"gt\", \"value\": 1}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("key: 'fields' is reserved");
    }

    private static List<String> roles(JsonNode me) {
        return StreamSupport.stream(me.get("roles").spliterator(), false).map(JsonNode::asText).toList();
    }
}
