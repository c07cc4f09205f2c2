package com.retailpulse.infra.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * The identity provider of the JWT-mode tests ({@link JwtModeTest}): an RSA key the platform trusts, access
 * tokens signed with it, and the address {@link TestIdentityProvider} serves its OpenID Connect endpoints at,
 * which the console is configured with. One key and one address per test JVM.
 */
public final class TestIssuer {

    public static final KeyPair KEY = rsaKeyPair();
    public static final String CLIENT_ID = "retailpulse-console";
    public static final String NAME = "Test IdP";
    /** Reserved now, bound by {@link TestIdentityProvider} when a test starts it. */
    public static final int PROVIDER_PORT = freePort();

    private TestIssuer() {
    }

    public static String providerBase() {
        return "http://127.0.0.1:" + PROVIDER_PORT;
    }

    /** An access token as the issuer signs them: the subject, the roles in the "roles" claim, an expiry. */
    public static String token(KeyPair key, String subject, List<String> roles, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .subject(subject).claim("roles", roles).issueTime(new Date()).expirationTime(Date.from(expires)).build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String token(String subject, List<String> roles, Instant expires) {
        return token(KEY, subject, roles, expires);
    }

    public static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trusts {@link #KEY} as the deployment's issuer-uri would, and gives the console the provider's endpoints. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                Path pem = Files.createTempFile("issuer", ".pem");
                String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEY.getPublic().getEncoded());
                Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
                TestPropertyValues.of(
                        "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + pem,
                        "retailpulse.security.console.provider-name=" + NAME,
                        "retailpulse.security.console.authorization-uri=" + providerBase() + "/authorize",
                        "retailpulse.security.console.token-uri=" + providerBase() + "/token",
                        "retailpulse.security.console.client-id=" + CLIENT_ID,
                        "retailpulse.security.console.scope=openid roles"
                ).applyTo(context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
