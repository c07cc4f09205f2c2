package com.retailpulse.infra.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedCredentialsCacheTest {

    private final AtomicInteger checks = new AtomicInteger();

    private VerifiedCredentialsCache cache() {
        PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return bcrypt.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                checks.incrementAndGet();
                return bcrypt.matches(raw, encoded);
            }
        };
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(counting);
        dao.setUserDetailsService(new InMemoryUserDetailsManager(
                User.withUsername("ana").password(bcrypt.encode("right")).roles("ANALYST").build()));
        return new VerifiedCredentialsCache(dao, Duration.ofMinutes(5), 100);
    }

    @Test
    void a_verified_password_is_not_hashed_again_but_a_wrong_one_always_is() {
        VerifiedCredentialsCache cache = cache();

        var first = cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("ana", "right"));
        var second = cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("ana", "right"));
        assertThat(first.isAuthenticated()).isTrue();
        assertThat(second.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ANALYST");
        assertThat(checks).hasValue(1);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("ana", "wrong")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(checks).hasValue(3);
    }
}
