package com.retailpulse.infra.journeys;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code retailpulse.journeys.webhooks.<name>.url / secret / timeout}: the allow-list of endpoints a journey's
 * call-webhook step may name (docs/journeys.md). A graph names an endpoint, never a URL, so a marketer
 * cannot point the platform at an arbitrary host. Problems stop the start with the property named.
 */
@ConfigurationProperties("retailpulse.journeys")
record JourneyWebhookSettings(Map<String, Endpoint> webhooks) {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    static final int MIN_SECRET = 16;

    record Endpoint(String url, String secret, Duration timeout) {
        Endpoint {
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }

    JourneyWebhookSettings {
        webhooks = webhooks == null ? Map.of() : Map.copyOf(new TreeMap<>(webhooks));
        List<String> problems = new ArrayList<>();
        webhooks.forEach((name, endpoint) -> problems.addAll(problems(name, endpoint)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    static List<String> problems(String name, Endpoint endpoint) {
        List<String> problems = new ArrayList<>();
        String at = "retailpulse.journeys.webhooks." + name;
        if (!NAME.matcher(name).matches()) {
            problems.add(at + ": the name must be 1–40 characters of a–z, 0–9 and -");
        }
        if (!isHttpUrl(endpoint.url())) {
            problems.add(at + ".url must be an http(s) URL, got '" + endpoint.url() + "'");
        }
        if (endpoint.secret() == null || endpoint.secret().length() < MIN_SECRET) {
            problems.add(at + ".secret is required, at least " + MIN_SECRET + " characters (the receiver checks the signature with it)");
        }
        if (endpoint.timeout().isNegative() || endpoint.timeout().isZero()) {
            problems.add(at + ".timeout must be above zero, got " + endpoint.timeout());
        }
        return problems;
    }

    private static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = URI.create(url.strip());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
