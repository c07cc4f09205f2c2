package com.retailpulse.infra.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.JwtModeTest;
import com.retailpulse.infra.support.TestIssuer;
import com.retailpulse.infra.console.ConsoleSignInScenarios;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.NestedTestConfiguration;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Production sign-in: the API as an OAuth2 resource server, roles taken from the token's claim. */
@JwtModeTest
// Its own application context: closed after this class (and its nested console tests) so its processors stop
// competing for the CPU.
@DirtiesContext
class JwtModeSecurityTest {

    private static final KeyPair STRANGER_KEY = TestIssuer.rsaKeyPair();

    @LocalServerPort
    int port;

    private static String bearer(KeyPair key, List<String> roles, Instant expires) {
        return "Bearer " + TestIssuer.token(key, "ana@brand.example", roles, expires);
    }

    private static Instant inAnHour() {
        return Instant.now().plusSeconds(3600);
    }

    @Test
    void a_token_from_the_issuer_grants_the_roles_in_its_claim() {
        Api api = new Api(port);
        String analyst = bearer(TestIssuer.KEY, List.of("ANALYST"), inAnHour());
        assertThat(api.get("/api/v1/customers?identifier=member:nobody", analyst).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/x/events", analyst).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/x/events", bearer(TestIssuer.KEY, List.of("AUDITOR"), inAnHour())).status())
                .isEqualTo(404);
        JsonNode me = api.get("/api/v1/me", analyst).json();
        assertThat(me.get("user").asText()).isEqualTo("ana@brand.example");
        assertThat(me.get("roles").toString()).isEqualTo("[\"ANALYST\"]");
    }

    @Test
    void forged_expired_or_missing_tokens_are_refused() {
        Api api = new Api(port);
        assertThat(api.get("/api/v1/customers?identifier=member:1", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identifier=member:1", bearer(STRANGER_KEY, List.of("ADMIN"), inAnHour())).status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identifier=member:1",
                bearer(TestIssuer.KEY, List.of("ANALYST"), Instant.now().minusSeconds(600))).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identifier=member:1", Api.basic("admin", "anything")).status()).isEqualTo(401);
    }

    @Test
    void sources_keep_using_the_ingest_key() {
        Api api = new Api(port);
        assertThat(api.postJson("/api/v1/ingest/orders", Api.ingest(), "{}").status()).isEqualTo(400);
        assertThat(api.postJson("/api/v1/ingest/orders", bearer(TestIssuer.KEY, List.of("ANALYST"), inAnHour()), "{}").status())
                .isEqualTo(403);
    }

    @Test
    void the_console_learns_without_sign_in_where_the_identity_provider_is() {
        Api.Response settings = new Api(port).get("/api/v1/console/settings", null);
        assertThat(settings.status()).isEqualTo(200);
        JsonNode json = settings.json();
        assertThat(json.get("mode").asText()).isEqualTo("jwt");
        assertThat(json.at("/identityProvider/name").asText()).isEqualTo(TestIssuer.NAME);
        assertThat(json.at("/identityProvider/authorizationUri").asText()).isEqualTo(TestIssuer.providerBase() + "/authorize");
        assertThat(json.at("/identityProvider/tokenUri").asText()).isEqualTo(TestIssuer.providerBase() + "/token");
        assertThat(json.at("/identityProvider/clientId").asText()).isEqualTo(TestIssuer.CLIENT_ID);
        assertThat(json.at("/identityProvider/scope").asText()).isEqualTo("openid roles");
    }

    /**
     * The console's sign-in in chromium ({@link ConsoleSignInScenarios}) against this context: nested here so that
     * it shares it instead of starting a second JWT-mode context. The same configuration, but not this class's
     * {@code @DirtiesContext} (OVERRIDE): the context is closed once, after this class and this nested one.
     */
    @Nested
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @JwtModeTest
    class Console extends ConsoleSignInScenarios {
    }
}
