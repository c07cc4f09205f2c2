package com.retailpulse.infra.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The smallest OpenID Connect provider the console's sign-in can be tested against: the authorization endpoint
 * (which "signs in" whoever the test chose, without a page of its own) and the token endpoint of the
 * authorization-code flow with PKCE (RFC 7636, S256 only), on {@link TestIssuer#PROVIDER_PORT}. It checks what
 * a real provider checks — client id, redirect URI, a single-use code, the verifier against the challenge — and
 * issues {@link TestIssuer} tokens. Not a provider for anything else.
 */
public final class TestIdentityProvider implements AutoCloseable {

    private record Pending(String challenge, String redirectUri, String subject, List<String> roles) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    /** What the provider did, in order, e.g. "authorize scope=openid roles", "token for ana (verifier matches)". */
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile String subject;
    private volatile List<String> roles = List.of();

    private TestIdentityProvider(HttpServer server) {
        this.server = server;
    }

    public static TestIdentityProvider start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), TestIssuer.PROVIDER_PORT), 0);
        TestIdentityProvider provider = new TestIdentityProvider(server);
        server.createContext("/authorize", provider::authorize);
        server.createContext("/token", provider::token);
        server.start();
        return provider;
    }

    /** Who signs in at the next authorization request. */
    public void signsIn(String subject, List<String> roles) {
        this.subject = subject;
        this.roles = List.copyOf(roles);
    }

    /** The next authorization request is declined, as when the user cancels at the provider. */
    public void declines() {
        this.subject = null;
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String redirect = query.get("redirect_uri");
        String state = query.getOrDefault("state", "");
        if (redirect == null) {
            respond(exchange, 400, "text/plain", "no redirect_uri");
            return;
        }
        String problem = !"code".equals(query.get("response_type")) ? "response_type must be code"
                : !TestIssuer.CLIENT_ID.equals(query.get("client_id")) ? "unknown client_id " + query.get("client_id")
                : !"S256".equals(query.get("code_challenge_method")) ? "code_challenge_method must be S256"
                : query.getOrDefault("code_challenge", "").length() != 43 ? "code_challenge must be 43 base64url characters"
                : state.isEmpty() ? "no state" : null;
        log.add("authorize scope=" + query.get("scope") + (problem == null ? "" : " refused: " + problem));
        String to;
        if (problem != null) {
            to = redirect + "?error=invalid_request&error_description=" + encode(problem) + "&state=" + encode(state);
        } else if (subject == null) {
            to = redirect + "?error=access_denied&error_description=" + encode("the user cancelled") + "&state=" + encode(state);
        } else {
            String code = random();
            codes.put(code, new Pending(query.get("code_challenge"), redirect, subject, roles));
            to = redirect + "?code=" + code + "&state=" + encode(state);
        }
        exchange.getResponseHeaders().set("Location", to);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        // the console runs on another origin: the browser reads the answer only with this header
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
            exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type, Accept");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Pending pending = form.get("code") == null ? null : codes.remove(form.get("code"));
        String problem = !"POST".equals(exchange.getRequestMethod()) ? "POST only"
                : !"authorization_code".equals(form.get("grant_type")) ? "grant_type must be authorization_code"
                : pending == null ? "unknown or used code"
                : !TestIssuer.CLIENT_ID.equals(form.get("client_id")) ? "unknown client_id"
                : !pending.redirectUri().equals(form.get("redirect_uri")) ? "redirect_uri differs from the authorization request's"
                : !pending.challenge().equals(s256(form.getOrDefault("code_verifier", ""))) ? "code_verifier does not match the challenge"
                : null;
        if (problem != null) {
            log.add("token refused: " + problem);
            respond(exchange, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"" + problem + "\"}");
            return;
        }
        log.add("token for " + pending.subject() + " (verifier matches)");
        String token = TestIssuer.token(pending.subject(), pending.roles(), Instant.now().plusSeconds(3600));
        respond(exchange, 200, "application/json",
                "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"openid roles\"}");
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
