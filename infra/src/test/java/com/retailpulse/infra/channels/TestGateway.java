package com.retailpulse.infra.channels;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider's HTTP gateway, for real, in-process: it answers each message (by its Idempotency-Key) with the
 * statuses scripted for it, then 200 with an id, and keeps every request it got.
 */
final class TestGateway implements AutoCloseable {

    record Request(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "test-gateway");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> always = new ConcurrentHashMap<>();
    private final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();

    /** Listens on the port of {@code url}, at every path. */
    TestGateway(String url) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", URI.create(url).getPort()), 0);
        } catch (IOException e) {
            throw new AssertionError("cannot listen on the port of " + url, e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The next answers to this message's requests, in order; then 200 (or what {@link #answerAlways} set). */
    void script(String messageId, Integer... statuses) {
        scripts.put(messageId, new ArrayDeque<>(List.of(statuses)));
    }

    void answerAlways(String messageId, int status) {
        always.put(messageId, status);
    }

    void recover(String messageId) {
        always.remove(messageId);
        scripts.remove(messageId);
    }

    List<Request> requestsFor(String messageId) {
        synchronized (requests) {
            return requests.stream().filter(r -> messageId.equals(r.header("Idempotency-Key"))).toList();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Request request = new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(request);
        String key = request.header("Idempotency-Key");
        Integer status = null;
        Deque<Integer> script = key == null ? null : scripts.get(key);
        if (script != null) {
            status = script.poll();
        }
        if (status == null && key != null) {
            status = always.get(key);
        }
        if (status == null) {
            status = 200;
        }
        byte[] answer = (status == 200 ? "{\"id\":\"gw-" + ids.incrementAndGet() + "\"}" : "{\"error\":\"unavailable\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
