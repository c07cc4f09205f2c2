package com.retailpulse.infra.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who may call the platform. {@code mode}: "embedded" (users below, HTTP Basic, plus the ingest
 * key) or "jwt" (an OAuth2 resource server; roles from {@code jwtRolesClaim}). {@code console}: how the
 * console signs users in when the mode is "jwt".
 */
@ConfigurationProperties("retailpulse.security")
public record SecuritySettings(String mode, String adminPassword, String ingestKey, String jwtRolesClaim,
                               Map<String, User> users, Console console) {

    public record User(String password, List<String> roles) {
    }

    /**
     * The console's sign-in in JWT mode: an OpenID Connect provider's authorization and token endpoints and
     * the console's public client id, for the authorization-code flow with PKCE run in the browser. All
     * three or none: without them the console offers only pasting an access token.
     */
    public record Console(String providerName, String authorizationUri, String tokenUri, String clientId, String scope) {

        public Console {
            List<String> missing = new ArrayList<>();
            List<String> given = new ArrayList<>();
            (blank(authorizationUri) ? missing : given).add("authorization-uri");
            (blank(tokenUri) ? missing : given).add("token-uri");
            (blank(clientId) ? missing : given).add("client-id");
            if (!given.isEmpty() && !missing.isEmpty()) {
                throw new IllegalArgumentException("retailpulse.security.console: authorization-uri, token-uri and client-id go together; "
                        + given + " set but " + missing + " not");
            }
            for (String uri : new String[] {authorizationUri, tokenUri}) {
                if (!blank(uri) && !absoluteHttp(uri)) {
                    throw new IllegalArgumentException("retailpulse.security.console: '" + uri + "' is not an absolute http(s) URI");
                }
            }
        }

        /** Whether the console can send users to the identity provider. */
        public boolean identityProvider() {
            return !blank(authorizationUri);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }

        private static boolean absoluteHttp(String uri) {
            try {
                URI parsed = URI.create(uri);
                return ("https".equalsIgnoreCase(parsed.getScheme()) || "http".equalsIgnoreCase(parsed.getScheme())) && parsed.getHost() != null;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    public boolean jwt() {
        return "jwt".equalsIgnoreCase(mode);
    }
}
