package com.retailpulse.infra.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * HTTP Basic sends the password with every request, and checking it against its bcrypt hash costs tens
 * of milliseconds on purpose — far more than answering most API calls (a recommendation takes under a
 * millisecond). A username + password pair that was verified is remembered for a few minutes, by its
 * SHA-256 only (the cache never holds a password); a wrong password is never remembered and always pays
 * the full check, so guessing stays as slow as bcrypt makes it.
 */
class VerifiedCredentialsCache implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final Cache<String, Authentication> verified;

    VerifiedCredentialsCache(AuthenticationProvider delegate, Duration remember, long maximumSize) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().expireAfterWrite(remember).maximumSize(maximumSize).build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication.getCredentials() instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        String key = authentication.getName() + "\u0000" + sha256(password);
        Authentication known = verified.getIfPresent(key);
        if (known != null) {
            return known;
        }
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            verified.put(key, result);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
