package com.retailpulse.infra.ingest.ecommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pull path end to end: a real HTTP server serves pages of Tmall trades, the scheduled pollers
 * record them, a bad trade lands in the rejects, and a restarted poller resumes at its stored cursor.
 */
@IntegrationTest
class EcommercePullTest {

    @LocalServerPort
    int port;
    @Autowired
    EcommercePlatforms platforms;
    @Autowired
    EcommerceOrderIngestion ingestion;
    @Autowired
    EcommercePullStore store;
    @Autowired
    ObjectMapper mapper;

    Api api;
    HttpServer server;
    final List<String> requested = new CopyOnWriteArrayList<>();
    final Map<String, String> pages = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger failuresBeforePage2 = new AtomicInteger(1);

    @BeforeEach
    void setUp() throws IOException {
        api = new Api(port);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/trades", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String cursor = query == null || !query.contains("since=") ? "" : query.replaceFirst("^.*since=", "").replaceFirst("&.*$", "");
            requested.add(cursor);
            boolean authorized = "Bearer shop-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = pages.get(cursor);
            int status = !authorized ? 401 : body == null ? 404 : 200;
            if (cursor.equals("p2") && failuresBeforePage2.getAndDecrement() > 0) {
                status = 503;
                body = "{}";
            }
            byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private String page(List<JsonNode> trades, String next) {
        ObjectNode page = mapper.createObjectNode();
        ArrayNode data = page.putObject("data").putArray("trades");
        trades.forEach(data::add);
        page.put("has_next", next != null);
        if (next != null) {
            page.put("next_since", next);
        }
        return page.toString();
    }

    private EcommercePullPollers pollers(String source) {
        var pull = new EcommerceSettings.Pull("tmall", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/trades?page_size=2"),
                "since", null, Map.of("Authorization", "Bearer shop-token"), "/data/trades", "/next_since",
                Duration.ofHours(1), Duration.ofSeconds(5), 3, Duration.ofMillis(20), 10);
        return new EcommercePullPollers(new EcommerceSettings(Map.of(), Map.of(source, pull)), platforms, ingestion, store, mapper);
    }

    private String customerOf(String identifier) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/customers?identifier=" + identifier, Api.analyst()), r -> r.status() == 200)
                .json().get("customerId").asText();
    }

    private List<String> eventTypes(String customerId) {
        List<String> types = new ArrayList<>();
        api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json().get("events")
                .forEach(e -> types.add(e.get("type").asText() + (e.at("/payload/orderId").isMissingNode() ? "" : " " + e.at("/payload/orderId").asText())));
        return types;
    }

    @Test
    void pulled_pages_are_recorded_a_bad_trade_is_rejected_and_a_restart_resumes_without_duplicates() throws Exception {
        String run = EcommerceSamples.unique();
        String source = "shop-" + run;
        JsonNode trades = mapper.readTree(EcommerceSamples.tmall(run));
        JsonNode paid = trades.get(0);
        JsonNode refunded = trades.get(1);
        ObjectNode noBuyer = trades.get(0).deepCopy();
        noBuyer.remove("buyer_open_uid");
        noBuyer.put("tid", run + "000000001");
        ObjectNode later = trades.get(0).deepCopy();
        later.put("tid", run + "000000002");
        later.put("created", "2026-11-21 09:00:00");

        pages.put("", page(List.of(paid, noBuyer), "p2"));
        pages.put("p2", page(List.of(refunded, trades.get(2)), "p3"));
        pages.put("p3", page(List.of(), null));

        EcommercePullPollers first = pollers(source);
        first.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> store.cursor(source).filter("p3"::equals).isPresent()
                    && requested.contains("p3"));
        } finally {
            first.stop();
        }
        // Page 2 failed once with 503 and was fetched again after the back-off.
        assertThat(requested).containsExactly("", "p2", "p2", "p3");

        List<EcommercePullStore.Reject> rejects = store.rejects(source, 10);
        assertThat(rejects).hasSize(1);
        assertThat(rejects.get(0).platform()).isEqualTo("tmall");
        assertThat(rejects.get(0).orderId()).isEqualTo(run + "000000001");
        assertThat(rejects.get(0).reason()).isEqualTo("/buyer_open_uid: missing");

        String buyer = customerOf("buyer:tmall:AAHm5d-EAAe" + run + "GwJedwSHpg8bT");
        assertThat(eventTypes(buyer)).containsExactly("CustomerCreatedEvent", "OrderPlacedEvent tmall:" + run + "012345678");
        String refunder = customerOf("buyer:tmall:AAGq7x-EAAe" + run + "GwJedwSHpZ2cQ");
        assertThat(eventTypes(refunder)).containsExactly("CustomerCreatedEvent",
                "OrderPlacedEvent tmall:" + run + "098765432", "OrderCancelledEvent");

        // The platform now has a further page after p3, which repeats the first trade (updated) and adds one.
        pages.put("p3", page(List.of(paid, later), "p4"));
        pages.put("p4", page(List.of(), null));
        requested.clear();

        EcommercePullPollers restarted = pollers(source);
        restarted.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> store.cursor(source).filter("p4"::equals).isPresent()
                    && requested.contains("p4"));
        } finally {
            restarted.stop();
        }
        assertThat(requested).containsExactly("p3", "p4");
        await().atMost(Duration.ofSeconds(10)).until(() -> eventTypes(buyer).size() == 3);
        assertThat(eventTypes(buyer)).containsExactly("CustomerCreatedEvent",
                "OrderPlacedEvent tmall:" + run + "012345678", "OrderPlacedEvent tmall:" + run + "000000002");
        assertThat(store.rejects(source, 10)).hasSize(1);
    }

    @Test
    void a_source_that_refuses_the_credential_fails_the_poll_at_once_and_keeps_the_cursor() {
        String source = "shop-" + EcommerceSamples.unique();
        var pull = new EcommerceSettings.Pull("jd", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/trades"),
                "since", "2026-11-01", Map.of(), "/data/trades", "/next_since", Duration.ofHours(1), Duration.ofSeconds(5), 3,
                Duration.ofMillis(20), 10);
        var http = new HttpOrderSource(source, pull, mapper);
        var puller = new EcommercePuller(source, platforms.mapper("jd").orElseThrow(), http, ingestion, store,
                pull.initialCursor(), pull.maxPagesPerPoll());

        org.assertj.core.api.Assertions.assertThatThrownBy(puller::pollOnce)
                .isInstanceOf(EcommerceOrderSource.SourceUnavailableException.class)
                .hasMessageContaining("answered HTTP 401");
        assertThat(requested).containsExactly("2026-11-01");
        assertThat(store.cursor(source)).isEmpty();
    }
}
