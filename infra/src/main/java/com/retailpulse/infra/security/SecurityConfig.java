package com.retailpulse.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every endpoint is authenticated. Which role may call what is decided here, in one place, by path.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    RoleHierarchy roleHierarchy() {
        return Roles.hierarchy();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecuritySettings settings, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        String adminPassword = Credentials.orGenerated(settings.adminPassword(), "RETAILPULSE_ADMIN_PASSWORD", "The admin password");
        users.add(User.withUsername("admin").password(encoded(encoder, adminPassword)).roles(Roles.ADMIN).build());
        Map<String, SecuritySettings.User> configured = settings.users() == null ? Map.of() : settings.users();
        configured.forEach((name, user) -> users.add(User.withUsername(name)
                .password(encoded(encoder, user.password()))
                .roles(user.roles().toArray(String[]::new))
                .build()));
        return new InMemoryUserDetailsManager(users);
    }

    /** Checks Basic credentials against the users above, remembering verified ones for a few minutes. */
    @Bean
    AuthenticationProvider passwords(UserDetailsService users, PasswordEncoder encoder) {
        DaoAuthenticationProvider checked = new DaoAuthenticationProvider(encoder);
        checked.setUserDetailsService(users);
        return new VerifiedCredentialsCache(checked, java.time.Duration.ofMinutes(5), 10_000);
    }

    /** Passwords from properties may be plain or already carry an encoder prefix such as {bcrypt}. */
    private static String encoded(PasswordEncoder encoder, String password) {
        return password.startsWith("{") ? password : encoder.encode(password);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecuritySettings settings, ObjectMapper mapper) throws Exception {
        var unauthorized = ProblemResponses.unauthorized(mapper);
        String ingestKey = Credentials.orGenerated(settings.ingestKey(), "RETAILPULSE_INGEST_KEY", "The ingest key");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // The console's static files carry no data; what they show comes from the API below.
                        .requestMatchers(HttpMethod.GET, "/console", "/console/", "/console/**").permitAll()
                        // ... nor does how to sign in to it (the mode; in JWT mode the identity provider's public endpoints).
                        .requestMatchers(HttpMethod.GET, "/api/v1/console/settings").permitAll()
                        // channels (docs/channels.md): a tracked link's signature is its credential; the app's backend and the
                        // store devices (INGEST) read inboxes and feeds and report receipts; admins retry dead letters.
                        .requestMatchers(HttpMethod.GET, "/t/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/inbox").hasAnyRole(Roles.INGEST, Roles.MARKETER, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/inbox/*/read").hasRole(Roles.INGEST)
                        .requestMatchers("/api/v1/guide-screen/**").hasRole(Roles.INGEST)
                        .requestMatchers(HttpMethod.POST, "/api/v1/channels/receipts").hasRole(Roles.INGEST)
                        .requestMatchers(HttpMethod.GET, "/api/v1/channels/dead-letters").hasAnyRole(Roles.ADMIN, Roles.AUDITOR)
                        .requestMatchers("/api/v1/channels/**").hasRole(Roles.ADMIN)
                        .requestMatchers("/api/v1/ingest/**").hasRole(Roles.INGEST)
                        .requestMatchers(HttpMethod.POST, "/api/v1/members", "/api/v1/consents").hasRole(Roles.INGEST)
                        .requestMatchers("/v1/**").hasRole(Roles.INGEST)
                        .requestMatchers("/api/v1/imports/**").hasRole(Roles.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/events").hasRole(Roles.AUDITOR)
                        .requestMatchers("/api/v1/audit/**").hasAnyRole(Roles.AUDITOR, Roles.ADMIN)
                        // the data subject's rights (docs/privacy.md): personal data in clear, erasure
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/personal-data").hasRole(Roles.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/recommendations", "/api/v1/catalogue/products/*/similar")
                        .hasAnyRole(Roles.MARKETER, Roles.ANALYST)
                        .requestMatchers(HttpMethod.GET, "/api/v1/models/**").hasAnyRole(Roles.ANALYST, Roles.AUDITOR, Roles.MARKETER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/experiments", "/api/v1/experiments/**")
                        .hasAnyRole(Roles.ANALYST, Roles.AUDITOR, Roles.MARKETER)
                        .requestMatchers("/api/v1/experiments/**").hasRole(Roles.ANALYST)
                        .requestMatchers("/api/v1/templates/**").hasRole(Roles.MARKETER)
                        .requestMatchers("/api/v1/models/**").hasRole(Roles.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers/*/segments")
                        .hasAnyRole(Roles.ANALYST, Roles.MARKETER, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/segments/fields").hasAnyRole(Roles.ANALYST, Roles.MARKETER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/segments", "/api/v1/segments/**")
                        .hasAnyRole(Roles.ANALYST, Roles.MARKETER, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/segments/preview", "/api/v1/segments/backtests",
                                "/api/v1/segments/backtests/*/cancel").hasAnyRole(Roles.ANALYST, Roles.MARKETER)
                        .requestMatchers("/api/v1/segments/**").hasRole(Roles.MARKETER)
                        // Offers (docs/offers.md): marketers manage them and issue coupons; the POS and shops
                        // (INGEST) look coupons up and redeem them; analysts and auditors read.
                        .requestMatchers(HttpMethod.POST, "/api/v1/coupons/*/redemptions").hasRole(Roles.INGEST)
                        .requestMatchers(HttpMethod.GET, "/api/v1/coupons/*")
                        .hasAnyRole(Roles.INGEST, Roles.MARKETER, Roles.ANALYST, Roles.AUDITOR)
                        .requestMatchers("/api/v1/coupons/**").hasRole(Roles.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/offers", "/api/v1/offers/**")
                        .hasAnyRole(Roles.MARKETER, Roles.ANALYST, Roles.AUDITOR)
                        .requestMatchers("/api/v1/offers", "/api/v1/offers/**").hasRole(Roles.MARKETER)
                        // journeys (docs/journeys.md): marketers publish and run them; analysts and auditors read.
                        .requestMatchers(HttpMethod.GET, "/api/v1/journeys", "/api/v1/journeys/**")
                        .hasAnyRole(Roles.MARKETER, Roles.ANALYST, Roles.AUDITOR)
                        .requestMatchers("/api/v1/journeys", "/api/v1/journeys/**").hasRole(Roles.MARKETER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/**").hasRole(Roles.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/catalogue/**").hasAnyRole(Roles.ANALYST, Roles.MARKETER)
                        .requestMatchers("/api/v1/catalogue/**").hasAnyRole(Roles.ADMIN, Roles.MARKETER)
                        // Marketers look customers up and read their (masked) profiles in the console's Customer 360.
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers", "/api/v1/customers/*/profile")
                        .hasAnyRole(Roles.ANALYST, Roles.MARKETER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/customers", "/api/v1/customers/**").hasRole(Roles.ANALYST)
                        .requestMatchers(HttpMethod.GET, "/api/v1/tags/**", "/api/v1/context").hasAnyRole(Roles.ANALYST, Roles.MARKETER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/tags/refresh").hasRole(Roles.ADMIN)
                        .requestMatchers("/api/v1/tags/**", "/api/v1/context/**").hasAnyRole(Roles.ADMIN, Roles.MARKETER)
                        // campaigns (docs/campaigns.md): marketers plan and run them; analysts and auditors read them and their results.
                        .requestMatchers(HttpMethod.GET, "/api/v1/campaigns", "/api/v1/campaigns/**")
                        .hasAnyRole(Roles.MARKETER, Roles.ANALYST, Roles.AUDITOR)
                        .requestMatchers("/api/v1/campaigns", "/api/v1/campaigns/**").hasRole(Roles.MARKETER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/attribution/**").hasAnyRole(Roles.ANALYST, Roles.MARKETER, Roles.AUDITOR)
                        .requestMatchers("/api/v1/attribution/**").hasRole(Roles.ANALYST)
                        // dashboards (docs/dashboards.md): read-only figures for analysts, marketers and admins.
                        .requestMatchers(HttpMethod.GET, "/api/v1/dashboards/**").hasAnyRole(Roles.ANALYST, Roles.MARKETER, Roles.ADMIN)
                        .requestMatchers("/api/v1/admin/**").hasRole(Roles.ADMIN)
                        .requestMatchers("/actuator/prometheus", "/actuator/metrics/**").hasRole(Roles.ADMIN)
                        .requestMatchers("/actuator/**").authenticated()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(ProblemResponses.forbidden(mapper)))
                .addFilterBefore(new ApiKeyAuthenticationFilter(ingestKey, unauthorized), BasicAuthenticationFilter.class);
        if (settings.jwt()) {
            http.oauth2ResourceServer(oauth -> oauth
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtRoles(settings.jwtRolesClaim())))
                    .authenticationEntryPoint(unauthorized));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(unauthorized));
        }
        return http.build();
    }

    private static JwtAuthenticationConverter jwtRoles(String claim) {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(claim);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
