package com.retailpulse.infra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Sources authenticate with the ingest key in {@code X-Api-Key}; it grants INGEST only. On the
 * ingest paths (and Segment's /v1/… paths) the key is also accepted as a write key, the way Segment-spec SDKs send theirs:
 * HTTP Basic with the key as user name and an empty password.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";
    static final String PRINCIPAL = "ingest-key";
    static final String INGEST_PATHS = "/api/v1/ingest/";
    /** Segment's HTTP API paths (/v1/batch, /v1/track, …), which SDKs append to the configured host. */
    static final String SEGMENT_PATHS = "/v1/";

    private final byte[] ingestKey;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyAuthenticationFilter(String ingestKey, AuthenticationEntryPoint entryPoint) {
        this.ingestKey = ingestKey.getBytes(StandardCharsets.UTF_8);
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        String rejection = "the X-Api-Key is not valid";
        if (presented == null) {
            presented = writeKey(request);
            if (presented == null) {
                chain.doFilter(request, response);
                return;
            }
            rejection = "the write key (the HTTP Basic user name) is not valid";
            // Basic authentication further down must not try the key as a user name.
            request = new WithoutAuthorization(request);
        }
        // Constant-time comparison: the key must not leak through response timing.
        if (!MessageDigest.isEqual(ingestKey, presented.getBytes(StandardCharsets.UTF_8))) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException(rejection));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(PRINCIPAL, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + Roles.INGEST)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }

    /** The user name of "Authorization: Basic base64(key:)" on an ingest path; null for anything else. */
    private static String writeKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (authorization == null || !(path.startsWith(INGEST_PATHS) || path.startsWith(SEGMENT_PATHS))
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        // A password means a user signing in, which HTTP Basic authentication handles.
        return colon > 0 && colon == decoded.length() - 1 ? decoded.substring(0, colon) : null;
    }

    private static final class WithoutAuthorization extends HttpServletRequestWrapper {
        WithoutAuthorization(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)).toList());
        }
    }
}
