package com.retailpulse.infra.security;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * What the console needs before anyone has signed in: which sign-in the platform accepts and, in JWT mode,
 * where the identity provider is. Public (SecurityConfig): nothing here is a secret — the mode shows in any
 * 401, and a browser client's id and its provider's endpoints are visible to every user who signs in.
 */
@RestController
class ConsoleSettingsController {

    private static final String DEFAULT_SCOPE = "openid";

    private final ConsoleSettingsView view;

    ConsoleSettingsController(SecuritySettings settings) {
        this.view = view(settings);
    }

    /** {@code identityProvider} only in JWT mode and when one is configured (otherwise the field is left out). */
    record ConsoleSettingsView(String mode, IdentityProviderView identityProvider) {
    }

    /** The authorization-code flow with PKCE, for a public client: no secret. */
    record IdentityProviderView(String name, String authorizationUri, String tokenUri, String clientId, String scope) {
    }

    @GetMapping("/api/v1/console/settings")
    ConsoleSettingsView settings() {
        return view;
    }

    private static ConsoleSettingsView view(SecuritySettings settings) {
        if (!settings.jwt()) {
            return new ConsoleSettingsView("embedded", null);
        }
        SecuritySettings.Console console = settings.console();
        if (console == null || !console.identityProvider()) {
            return new ConsoleSettingsView("jwt", null);
        }
        String name = console.providerName() == null || console.providerName().isBlank()
                ? URI.create(console.authorizationUri()).getHost() : console.providerName();
        String scope = console.scope() == null || console.scope().isBlank() ? DEFAULT_SCOPE : console.scope();
        return new ConsoleSettingsView("jwt",
                new IdentityProviderView(name, console.authorizationUri(), console.tokenUri(), console.clientId(), scope));
    }
}
