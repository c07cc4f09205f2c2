package com.retailpulse.infra.channels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One JSON POST to a provider, its answer sorted the way every HTTP provider is: 2xx taken; 429, 5xx, I/O
 * errors and timeouts may pass; any other status is permanent. The reason quotes the start of the answer.
 */
final class HttpPost {

    private static final int QUOTED = 200;

    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;
    private final String label;

    HttpPost(String url, Duration timeout, String label) {
        this.uri = URI.create(url.strip());
        this.timeout = timeout;
        this.label = label;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    URI uri() {
        return uri;
    }

    /** @return the answer's body when the status is 2xx */
    String send(byte[] json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw ProviderException.retryable(label + " did not answer within " + timeout, e);
        } catch (IOException e) {
            throw ProviderException.retryable(label + " unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.retryable(label + ": interrupted while sending", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String reason = label + " answered " + status + quote(response.body());
        throw new ProviderException(reason, status == 429 || status >= 500, null);
    }

    private static String quote(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return ": " + (flat.length() > QUOTED ? flat.substring(0, QUOTED) + "…" : flat);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }
}
