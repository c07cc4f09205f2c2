package com.retailpulse.infra.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded default's secrets: taken from the environment, or generated for this run and
 * printed once, so a fresh install never runs with a default password.
 */
final class Credentials {

    private static final Logger log = LoggerFactory.getLogger(Credentials.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Credentials() {
    }

    static String orGenerated(String configured, String envVar, String what) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        log.warn("{} was not set ({}); generated for this run: {}", what, envVar, generated);
        return generated;
    }
}
