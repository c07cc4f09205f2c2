package com.retailpulse.infra.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.retailpulse.infra.RetailPulseApplication;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.TestStackInitializer;
import com.retailpulse.infra.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Production sign-in: the API as an OAuth2 resource server, roles taken from the token's claim. */
@SpringBootTest(classes = RetailPulseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "retailpulse.local-stack.enabled=false",
                "retailpulse.security.mode=jwt",
                "retailpulse.security.ingest-key=" + TestUsers.INGEST_KEY,
                "retailpulse.kafka.ingest.enabled=false"})
@ContextConfiguration(initializers = TestStackInitializer.class)
// Its own application context: closed after this class so its processors stop competing for the CPU.
@DirtiesContext
class JwtModeSecurityTest {

    private static final KeyPair ISSUER_KEY = rsaKeyPair();
    private static final KeyPair STRANGER_KEY = rsaKeyPair();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void issuerPublicKey(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Files.createTempFile("issuer", ".pem");
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ISSUER_KEY.getPublic().getEncoded());
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bearer(KeyPair key, List<String> roles, Date expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .subject("ana@brand.example").claim("roles", roles).expirationTime(expires).build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
            return "Bearer " + jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static Date inAnHour() {
        return new Date(System.currentTimeMillis() + 3_600_000);
    }

    @Test
    void a_token_from_the_issuer_grants_the_roles_in_its_claim() {
        Api api = new Api(port);
        String analyst = bearer(ISSUER_KEY, List.of("ANALYST"), inAnHour());
        assertThat(api.get("/api/v1/customers?identifier=member:nobody", analyst).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/x/events", analyst).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/x/events", bearer(ISSUER_KEY, List.of("AUDITOR"), inAnHour())).status())
                .isEqualTo(404);
    }

    @Test
    void forged_expired_or_missing_tokens_are_refused() {
        Api api = new Api(port);
        assertThat(api.get("/api/v1/customers?identifier=member:1", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identifier=member:1", bearer(STRANGER_KEY, List.of("ADMIN"), inAnHour())).status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identifier=member:1",
                bearer(ISSUER_KEY, List.of("ANALYST"), new Date(System.currentTimeMillis() - 600_000))).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers?identifier=member:1", Api.basic("admin", "anything")).status()).isEqualTo(401);
    }

    @Test
    void sources_keep_using_the_ingest_key() {
        Api api = new Api(port);
        assertThat(api.postJson("/api/v1/ingest/orders", Api.ingest(), "{}").status()).isEqualTo(400);
        assertThat(api.postJson("/api/v1/ingest/orders", bearer(ISSUER_KEY, List.of("ANALYST"), inAnHour()), "{}").status())
                .isEqualTo(403);
    }
}
