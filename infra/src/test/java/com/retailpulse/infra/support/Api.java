package com.retailpulse.infra.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/** A plain HTTP client for the platform's API, as a user's tool would call it. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public Response get(String path, String authorization) {
        return send(request(path, authorization).GET());
    }

    public Response postJson(String path, String authorization, String json) {
        return send(request(path, authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response putJson(String path, String authorization, String json) {
        return send(request(path, authorization).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path, String authorization) {
        return send(request(path, authorization).DELETE());
    }

    public Response postText(String path, String authorization, String contentType, String body) {
        return send(request(path, authorization).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A multipart/form-data upload of one file, as a browser form or curl -F sends it. */
    public Response postMultipart(String path, String authorization, String field, Path file) {
        try {
            return multipart("POST", path, authorization, java.util.Map.of(), field, file.getFileName().toString(),
                    java.nio.file.Files.readAllBytes(file));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A multipart/form-data request ({@code method} POST or PUT) with text fields and one file. */
    public Response multipart(String method, String path, String authorization, java.util.Map<String, String> fields,
                              String fileField, String fileName, byte[] content) {
        String boundary = "----retailpulse" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, authorization).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Marks the header value as an ingest API key rather than an Authorization header. */
    public static String apiKey(String key) {
        return "X-Api-Key " + key;
    }

    public static String admin() {
        return basic("admin", TestUsers.ADMIN_PASSWORD);
    }

    public static String analyst() {
        return basic("ana", TestUsers.PASSWORD);
    }

    public static String auditor() {
        return basic("audrey", TestUsers.PASSWORD);
    }

    public static String marketer() {
        return basic("mark", TestUsers.PASSWORD);
    }

    public static String ingest() {
        return apiKey(TestUsers.INGEST_KEY);
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            if (authorization.startsWith("X-Api-Key ")) {
                builder.header("X-Api-Key", authorization.substring("X-Api-Key ".length()));
            } else {
                builder.header("Authorization", authorization);
            }
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
