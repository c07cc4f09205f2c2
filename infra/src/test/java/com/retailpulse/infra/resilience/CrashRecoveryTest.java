package com.retailpulse.infra.resilience;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.infra.localstack.LocalStack;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Orders;
import com.retailpulse.infra.support.TestStack;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 the platform in the middle of a stream of orders (Kafka and HTTP), start it again, and
 * check every customer's profile: no order lost, none counted twice.
 */
class CrashRecoveryTest {

    private static final int CUSTOMERS = 20;
    private static final int ORDERS_PER_CUSTOMER = 20;
    private static final String PRICE = "3.10";

    private final LocalStack stack = TestStack.get();
    private final String name = "crash" + Long.toString(System.nanoTime(), 36);
    private final PlatformProcess platform = new PlatformProcess(stack, TestStack.newAppDataDir(name), name,
            "orders-" + name);

    @AfterEach
    void tearDown() throws InterruptedException {
        platform.stop();
    }

    @Test
    void no_order_is_lost_or_counted_twice_when_the_platform_is_killed_mid_stream() throws Exception {
        platform.start();
        String kafkaPrefix = name + "k";
        String httpPrefix = name + "h";
        AtomicInteger httpAcknowledged = new AtomicInteger();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", stack.kafka().address(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            Thread http = new Thread(() -> postOverHttpUntilAcknowledged(httpPrefix, httpAcknowledged), "http-source");
            http.start();
            for (int n = 0; n < ORDERS_PER_CUSTOMER; n++) {
                for (int c = 0; c < CUSTOMERS; c++) {
                    String member = kafkaPrefix + c;
                    producer.send(new ProducerRecord<>("orders-" + name, member, order(member, n)));
                }
                producer.flush();
                if (n == ORDERS_PER_CUSTOMER / 3) {
                    awaitSomeProfiles();
                    platform.kill9();
                } else if (n == ORDERS_PER_CUSTOMER / 2) {
                    platform.start();
                }
                Thread.sleep(40);
            }
            http.join(Duration.ofMinutes(3).toMillis());
        }
        assertThat(httpAcknowledged.get()).isEqualTo(CUSTOMERS * ORDERS_PER_CUSTOMER);

        Map<String, JsonNode> profiles = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(this::profilesByMember, p -> totalOrders(p) >= 2L * CUSTOMERS * ORDERS_PER_CUSTOMER);
        Thread.sleep(1000); // anything counted twice would show up now
        profiles = profilesByMember();

        assertThat(profiles).hasSize(2 * CUSTOMERS);
        BigDecimal expectedRevenue = new BigDecimal(PRICE).multiply(BigDecimal.valueOf(ORDERS_PER_CUSTOMER));
        for (String prefix : List.of(kafkaPrefix, httpPrefix)) {
            for (int c = 0; c < CUSTOMERS; c++) {
                JsonNode profile = profiles.get("member:" + prefix + c);
                assertThat(profile).as("profile of %s%d", prefix, c).isNotNull();
                assertThat(profile.at("/orders/count").asLong()).as("orders of %s%d", prefix, c).isEqualTo(ORDERS_PER_CUSTOMER);
                assertThat(profile.at("/orders/revenue").decimalValue()).isEqualByComparingTo(expectedRevenue);
            }
        }
        // The event store agrees with the profiles: one OrderPlacedEvent per order.
        Api api = new Api(platform.port());
        String customerId = profiles.get("member:" + kafkaPrefix + 0).get("customerId").asText();
        JsonNode events = api.get("/api/v1/customers/" + customerId + "/events", Api.admin()).json().get("events");
        assertThat(events).hasSize(1 + ORDERS_PER_CUSTOMER);
    }

    private static String order(String member, int n) {
        return Orders.json(member + "-" + n, member, Instant.parse("2026-10-01T09:00:00Z").plusSeconds(3600L * n).toString(), 1, PRICE);
    }

    /** A source that retries until each order is acknowledged, as a well-behaved HTTP client does. */
    private void postOverHttpUntilAcknowledged(String prefix, AtomicInteger acknowledged) {
        Api api = new Api(platform.port());
        for (int n = 0; n < ORDERS_PER_CUSTOMER; n++) {
            for (int c = 0; c < CUSTOMERS; c++) {
                String member = prefix + c;
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (true) {
                    try {
                        if (api.postJson("/api/v1/ingest/orders", Api.ingest(), order(member, n)).status() == 202) {
                            acknowledged.incrementAndGet();
                            break;
                        }
                    } catch (AssertionError connectionRefusedWhileDown) {
                        // the platform is down; try again
                    }
                    if (System.nanoTime() > deadline) {
                        return;
                    }
                    sleep(100);
                }
            }
        }
    }

    private void awaitSomeProfiles() {
        await().atMost(Duration.ofSeconds(30)).until(() -> totalOrders(profilesByMember()) > 50);
    }

    private static long totalOrders(Map<String, JsonNode> profiles) {
        return profiles.values().stream().mapToLong(p -> p.at("/orders/count").asLong()).sum();
    }

    private Map<String, JsonNode> profilesByMember() throws Exception {
        try (RestClient rest = RestClient.builder(HttpHost.create(stack.elasticsearch().address())).build()) {
            ElasticsearchClient es = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(new ObjectMapper())));
            if (!es.indices().exists(e -> e.index(platform.profilesIndex())).value()) {
                return Map.of();
            }
            Map<String, JsonNode> byMember = new HashMap<>();
            for (Hit<JsonNode> hit : es.search(s -> s.index(platform.profilesIndex()).size(1000), JsonNode.class).hits().hits()) {
                byMember.put(hit.source().at("/identifiers/0").asText(), hit.source());
            }
            return byMember;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
