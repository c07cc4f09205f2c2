package com.retailpulse.infra.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The platform's import API ({@code /api/v1/imports}) over {@link HttpClient}; every failure is a {@link CliException}. */
final class ImportApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String user;
    private final String passwordSource;
    private final String authorization;

    /**
     * @param passwordSource where the password came from, for messages (e.g. "$RETAILPULSE_ADMIN_PASSWORD")
     */
    ImportApi(String url, String user, String password, String passwordSource) {
        this.base = baseUrl(url);
        this.user = user;
        this.passwordSource = passwordSource;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    String base() {
        return base;
    }

    /**
     * Fails fast on a wrong URL, password or role before a possibly large file is streamed: an
     * import id that cannot exist answers 404 only to an administrator.
     */
    void checkAccess() {
        send(get("/api/v1/imports/" + encode("access-check-" + UUID.randomUUID())), 404);
    }

    /** Streams the file (never held in memory) as multipart part {@code file}; returns the import id. */
    String upload(Path file, String mapping) {
        String boundary = "retailpulse-" + UUID.randomUUID();
        List<BodyPublisher> parts = new ArrayList<>();
        if (mapping != null) {
            parts.add(BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"mapping\"\r\n"
                    + "Content-Type: application/json; charset=UTF-8\r\n\r\n" + mapping + "\r\n", StandardCharsets.UTF_8));
        }
        String filename = file.getFileName().toString().replaceAll("[\"\\\\\r\n]", "_");
        parts.add(BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n", StandardCharsets.UTF_8));
        try {
            parts.add(BodyPublishers.ofFile(file));
        } catch (FileNotFoundException e) {
            throw new CliException("cannot read " + file + ": file not found");
        }
        parts.add(BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/imports/transactions"))
                .header("Authorization", authorization)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.concat(parts.toArray(BodyPublisher[]::new)));
        JsonNode accepted = send(request, 202);
        String id = accepted.path("importId").asText("");
        if (id.isEmpty()) {
            throw new CliException("the platform accepted the upload but returned no import id: " + accepted);
        }
        return id;
    }

    JsonNode status(String importId) {
        return send(get("/api/v1/imports/" + encode(importId)), 200);
    }

    JsonNode rejects(String importId, int limit) {
        return send(get("/api/v1/imports/" + encode(importId) + "/rejects?limit=" + limit), 200);
    }

    JsonNode resume(String importId) {
        return send(HttpRequest.newBuilder(uri("/api/v1/imports/" + encode(importId) + "/resume"))
                .timeout(REQUEST_TIMEOUT).header("Authorization", authorization)
                .POST(BodyPublishers.noBody()), 202);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).header("Authorization", authorization)
                .header("Accept", "application/json").GET();
    }

    private JsonNode send(HttpRequest.Builder builder, int expected) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        } catch (IOException e) {
            throw new CliException("cannot reach " + base + ": " + describe(e) + " — is the platform running?");
        }
        int status = response.statusCode();
        if (status == expected) {
            return parse(response.body());
        }
        String detail = detail(response.body());
        String call = request.method() + " " + request.uri().getPath();
        if (status == 401) {
            throw new CliException("authentication failed for user '" + user + "' at " + base
                    + " (HTTP 401) — check the password in " + passwordSource);
        }
        if (status == 403) {
            throw new CliException("user '" + user + "' may not use the import API (HTTP 403" + (detail.isEmpty() ? "" : ": " + detail)
                    + ") — imports need the ADMIN role");
        }
        throw new CliException(call + " failed: HTTP " + status + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** The RFC 9457 problem's {@code detail}, else the body itself (shortened). */
    private String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode problem = json.readTree(body);
            if (problem.hasNonNull("detail")) {
                return problem.get("detail").asText();
            }
        } catch (JsonProcessingException e) {
            // not JSON: show the text
        }
        String text = body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new CliException("unexpected answer from " + base + " (not JSON): " + detail(body));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        if (e instanceof ConnectException) {
            String message = e.getMessage();
            return message == null || message.isBlank() ? "connection refused" : message.toLowerCase();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String baseUrl(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = URI.create(trimmed);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL with a host");
            }
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid --url '" + url + "': expected e.g. http://127.0.0.1:8080");
        }
        return trimmed;
    }
}
