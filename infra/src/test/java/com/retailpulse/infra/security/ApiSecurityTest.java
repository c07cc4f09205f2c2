package com.retailpulse.infra.security;

import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.Orders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ApiSecurityTest {

    private static final String SOME_ID = "00000000-0000-0000-0000-000000000000";

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private int ingest(String authorization) {
        return api.postJson("/api/v1/ingest/orders", authorization,
                Orders.json("S-" + System.nanoTime(), Orders.newMember(), "2026-11-20T10:15:00Z", 1, "1.00")).status();
    }

    @Test
    void nobody_gets_in_without_credentials() {
        assertThat(ingest(null)).isEqualTo(401);
        Api.Response lookup = api.get("/api/v1/customers?identifier=member:1", null);
        assertThat(lookup.status()).isEqualTo(401);
        assertThat(lookup.json().get("status").asInt()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers/" + SOME_ID + "/profile", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers/" + SOME_ID + "/events", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/anything-else", null).status()).isEqualTo(401);
    }

    @Test
    void a_script_that_says_so_gets_no_basic_challenge_so_the_browser_shows_no_password_dialog() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var plain = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/me")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(401);
        assertThat(plain.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"retailpulse\"");
        var script = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                        .header("X-Requested-With", "XMLHttpRequest").header("Authorization", Api.basic("mark", "wrong")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void a_wrong_ingest_key_or_password_is_refused() {
        assertThat(ingest(Api.apiKey("not-the-key"))).isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identifier=member:1", Api.basic("ana", "wrong")).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identifier=member:1", Api.basic("admin", "admin")).status()).isEqualTo(401);
    }

    @Test
    void each_role_reaches_only_its_own_endpoints() {
        assertThat(ingest(Api.ingest())).isEqualTo(202);
        assertThat(ingest(Api.analyst())).isEqualTo(403);
        assertThat(ingest(Api.marketer())).isEqualTo(403);

        assertThat(api.get("/api/v1/customers?identifier=member:1", Api.ingest()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/" + SOME_ID + "/profile", Api.auditor()).status()).isEqualTo(403);
        // marketers read (masked) profiles and look customers up for the console's Customer 360
        assertThat(api.get("/api/v1/customers/" + SOME_ID + "/profile", Api.marketer()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers?identifier=member:nobody-" + System.nanoTime(), Api.marketer()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/count", Api.marketer()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/" + SOME_ID + "/profile", Api.analyst()).status()).isEqualTo(404);

        Api.Response analystOnAudit = api.get("/api/v1/customers/" + SOME_ID + "/events", Api.analyst());
        assertThat(analystOnAudit.status()).isEqualTo(403);
        assertThat(analystOnAudit.json().get("detail").asText()).contains("/events");
        assertThat(api.get("/api/v1/customers/" + SOME_ID + "/events", Api.ingest()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/" + SOME_ID + "/events", Api.auditor()).status()).isEqualTo(404);

        assertThat(api.get("/actuator/prometheus", Api.analyst()).status()).isEqualTo(403);
    }

    @Test
    void marketers_manage_offers_the_pos_redeems_and_analysts_and_auditors_only_read() {
        String offer = "{\"name\":\"x\"}";
        assertThat(api.postJson("/api/v1/offers", Api.analyst(), offer).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/offers", Api.ingest(), offer).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/offers", Api.marketer(), offer).status()).isEqualTo(400);
        assertThat(api.postJson("/api/v1/offers/ZZZZZZZZ/coupons", Api.auditor(), "{}").status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/offers/ZZZZZZZZ/activate", Api.ingest(), "").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/offers", Api.analyst()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/offers", Api.auditor()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/offers", Api.ingest()).status()).isEqualTo(403);

        String redemption = "{\"orderId\":\"o\",\"customerId\":\"c\",\"basketTotal\":1,\"currency\":\"CNY\"}";
        assertThat(api.postJson("/api/v1/coupons/ZZZZZZZZ-AAAAAAAAAA0/redemptions", Api.marketer(), redemption).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/coupons/ZZZZZZZZ-AAAAAAAAAA0/redemptions", Api.analyst(), redemption).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/coupons/ZZZZZZZZ-AAAAAAAAAA0/redemptions", Api.ingest(), redemption).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/coupons/ZZZZZZZZ-AAAAAAAAAA0", Api.auditor()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/coupons/ZZZZZZZZ-AAAAAAAAAA0", Api.ingest()).status()).isEqualTo(404);
    }

    @Test
    void the_admin_may_do_everything() {
        assertThat(ingest(Api.admin())).isEqualTo(202);
        assertThat(api.get("/api/v1/customers/" + SOME_ID + "/profile", Api.admin()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/" + SOME_ID + "/events", Api.admin()).status()).isEqualTo(404);
        assertThat(api.get("/actuator/prometheus", Api.admin()).status()).isEqualTo(200);
    }
}
