package com.retailpulse.infra.ingest.ecommerce;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls pages of orders over HTTP: {@code GET url?<cursorParameter>=<cursor>} with the configured
 * headers. Connection failures, 429 and 5xx are retried with doubling back-off, a bounded number of
 * times; any other status fails at once (a wrong URL or credential does not heal by retrying).
 */
public class HttpOrderSource implements EcommerceOrderSource {

    private static final Logger log = LoggerFactory.getLogger(HttpOrderSource.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String name;
    private final EcommerceSettings.Pull settings;
    private final HttpClient http;
    private final ObjectReader reader;
    private final JsonPointer ordersPath;
    private final JsonPointer nextCursorPath;

    public HttpOrderSource(String name, EcommerceSettings.Pull settings, ObjectMapper mapper) {
        if (settings.url() == null) {
            throw new IllegalArgumentException("retailpulse.ecommerce.pull." + name + ".url is required");
        }
        if (settings.maxAttempts() < 1) {
            throw new IllegalArgumentException("retailpulse.ecommerce.pull." + name + ".max-attempts must be at least 1");
        }
        this.name = name;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.reader = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.ordersPath = pointer("orders-path", settings.ordersPath());
        this.nextCursorPath = pointer("next-cursor-path", settings.nextCursorPath());
    }

    private JsonPointer pointer(String property, String text) {
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("retailpulse.ecommerce.pull." + name + "." + property + ": '" + text
                    + "' is not a JSON Pointer: " + e.getMessage(), e);
        }
    }

    @Override
    public OrderPage fetch(String cursor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(cursor)).timeout(settings.timeout())
                .header("Accept", "application/json").GET();
        settings.headers().forEach(request::header);
        Duration backoff = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            String failure;
            Throwable cause = null;
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200) {
                    return page(response.body());
                }
                failure = "HTTP " + status;
                if (status != 429 && status < 500) {
                    throw new SourceUnavailableException(name + ": " + settings.url() + " answered " + failure, null);
                }
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceUnavailableException(name + ": interrupted", e);
            }
            if (attempt >= settings.maxAttempts()) {
                throw new SourceUnavailableException(name + ": " + failure + " after " + attempt + " attempts", cause);
            }
            log.warn("E-commerce source {}: {} (attempt {} of {}), retrying in {}", name, failure, attempt,
                    settings.maxAttempts(), backoff);
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private URI uri(String cursor) {
        String url = settings.url().toString();
        if (cursor == null) {
            return settings.url();
        }
        return URI.create(url + (url.contains("?") ? "&" : "?") + URLEncoder.encode(settings.cursorParameter(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }

    private OrderPage page(byte[] body) {
        JsonNode json;
        try {
            json = reader.readTree(body);
        } catch (IOException e) {
            throw new SourceUnavailableException(name + ": the page is " + com.retailpulse.infra.web.JsonProblems.describe(e), e);
        }
        JsonNode orders = json == null ? null : json.at(ordersPath);
        if (orders == null || !(orders.isArray() || orders.isMissingNode() || orders.isNull())) {
            throw new SourceUnavailableException(name + ": " + settings.ordersPath() + " of the page is not an array of orders", null);
        }
        List<JsonNode> list = new ArrayList<>();
        orders.forEach(list::add);
        JsonNode next = json.at(nextCursorPath);
        String nextCursor = next.isMissingNode() || next.isNull() || next.asText().isBlank() ? null : next.asText();
        return new OrderPage(list, nextCursor);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted", e);
        }
    }
}
