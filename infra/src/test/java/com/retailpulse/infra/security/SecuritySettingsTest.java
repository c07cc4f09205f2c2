package com.retailpulse.infra.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's identity provider is configured whole or not at all, with absolute http(s) endpoints. */
class SecuritySettingsTest {

    @Test
    void an_identity_provider_needs_its_authorization_and_token_endpoints_and_a_client_id() {
        assertThat(new SecuritySettings.Console(null, null, null, null, null).identityProvider()).isFalse();
        assertThat(new SecuritySettings.Console("", " ", "", "", "openid").identityProvider()).isFalse();
        assertThat(new SecuritySettings.Console("Brand", "https://login.example.com/auth", "https://login.example.com/token",
                "console", null).identityProvider()).isTrue();
        assertThatThrownBy(() -> new SecuritySettings.Console(null, "https://login.example.com/auth", null, "console", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retailpulse.security.console: authorization-uri, token-uri and client-id go together; "
                        + "[authorization-uri, client-id] set but [token-uri] not");
        assertThatThrownBy(() -> new SecuritySettings.Console(null, "login.example.com/auth", "https://login.example.com/token",
                "console", null))
                .hasMessage("retailpulse.security.console: 'login.example.com/auth' is not an absolute http(s) URI");
    }
}
