package com.retailpulse.infra.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * Who may call the platform. {@code mode}: "embedded" (users below, HTTP Basic, plus the ingest
 * key) or "jwt" (an OAuth2 resource server; roles from {@code jwtRolesClaim}).
 */
@ConfigurationProperties("retailpulse.security")
public record SecuritySettings(String mode, String adminPassword, String ingestKey, String jwtRolesClaim,
                               Map<String, User> users) {

    public record User(String password, List<String> roles) {
    }

    public boolean jwt() {
        return "jwt".equalsIgnoreCase(mode);
    }
}
