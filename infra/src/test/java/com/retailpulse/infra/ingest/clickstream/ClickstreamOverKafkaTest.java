package com.retailpulse.infra.ingest.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.TestStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ClickstreamOverKafkaTest {

    @LocalServerPort
    int port;
    Api api;
    KafkaProducer<String, String> producer;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestStack.get().kafka().address()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    private void send(String key, String json) throws Exception {
        producer.send(new ProducerRecord<>(ClickstreamTopicConsumer.TOPIC, key, json)).get();
    }

    private static String productViewed(String visitor, String messageId, String sku) {
        return """
                {"type":"track","event":"Product Viewed","messageId":"%s","anonymousId":"%s","timestamp":"2026-11-20T10:00:00Z",
                 "context":{"app":{"name":"RetailPulse Shop"}},"properties":{"sku":"%s"}}""".formatted(messageId, visitor, sku);
    }

    private JsonNode eventsOnceThere(String identifier, int count) {
        String customerId = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/customers?identifier=" + identifier, Api.analyst()),
                r -> r.status() == 200).json().get("customerId").asText();
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json().get("events"),
                events -> events.size() >= count);
    }

    @Test
    void clicks_on_the_topic_land_in_the_visitors_history_and_a_redelivery_counts_once() throws Exception {
        String visitor = "anon-" + System.nanoTime();
        send(visitor, productViewed(visitor, visitor + "-1", "85123A"));
        send(visitor, productViewed(visitor, visitor + "-1", "85123A")); // a producer retry
        send(visitor, productViewed(visitor, visitor + "-2", "22423"));

        eventsOnceThere("device:" + visitor, 3);
        Thread.sleep(500); // a late duplicate would have landed by now
        JsonNode events = eventsOnceThere("device:" + visitor, 3);
        assertThat(events).hasSize(3);
        assertThat(events.get(1).at("/payload/product/sku").asText()).isEqualTo("85123A");
        assertThat(events.get(2).at("/payload/product/sku").asText()).isEqualTo("22423");
        assertThat(events.get(2).at("/payload/channel").asText()).isEqualTo("app");
        assertThat(events.get(1).at("/metadata/source").asText()).startsWith("kafka:" + ClickstreamTopicConsumer.TOPIC + "/");
        assertThat(events.get(1).at("/metadata/issuedBy").asText()).isEqualTo("kafka-ingest");
    }

    @Test
    void broken_records_go_to_the_dead_letter_topic_with_their_reason_and_the_consumer_keeps_going() throws Exception {
        String malformed = "malformed-" + System.nanoTime();
        String invalid = "invalid-" + System.nanoTime();
        String oversized = "oversized-" + System.nanoTime();
        String visitor = "anon-" + System.nanoTime();
        send(malformed, "{\"type\":\"track\",");
        send(oversized, productViewed(oversized, oversized, "x".repeat(33 * 1024)));
        send(invalid, """
                {"type":"track","event":"Product Viewed","anonymousId":"%s","timestamp":"2026-11-20T10:00:00Z","properties":{}}"""
                .formatted(invalid));
        send(visitor, productViewed(visitor, visitor + "-1", "85123A"));

        assertThat(eventsOnceThere("device:" + visitor, 2)).hasSize(2);

        List<ConsumerRecord<String, String>> letters = readDeadLetters(List.of(malformed, invalid, oversized));
        assertThat(letters).hasSize(3);
        assertThat(reason(letter(letters, oversized))).matches("message: \\d+ bytes; at most 32768 \\(32 KB\\) per message");
        assertThat(reason(letter(letters, malformed))).startsWith("malformed JSON: not valid JSON at line 1");
        assertThat(letter(letters, malformed).value()).isEqualTo("{\"type\":\"track\",");
        assertThat(reason(letter(letters, invalid))).isEqualTo("properties.product_id: required (or properties.sku): which product");
        assertThat(new String(letter(letters, invalid).headers().lastHeader(ClickstreamTopicConsumer.ORIGIN_HEADER).value(),
                StandardCharsets.UTF_8)).startsWith(ClickstreamTopicConsumer.TOPIC + "/");
    }

    @Test
    void a_batch_on_the_topic_records_each_message_and_dead_letters_the_bad_ones_one_by_one() throws Exception {
        String visitor = "anon-" + System.nanoTime();
        String bad = """
                {"type":"track","event":"Product Added","messageId":"%1$s-bad","anonymousId":"%1$s","properties":{"quantity":0}}"""
                .formatted(visitor);
        send(visitor, """
                {"batch":[%2$s,%3$s,
                  {"type":"page","name":"Home","messageId":"%1$s-p","anonymousId":"%1$s","timestamp":"2099-01-01T00:00:00Z"},
                  {"type":"track","event":"Signed In","messageId":"%1$s-l","anonymousId":"%1$s"}],
                 "context":{"app":{"name":"RetailPulse Shop"}}}""".formatted(visitor,
                productViewed(visitor, visitor + "-v", "85123A").replace("\"context\":{\"app\":{\"name\":\"RetailPulse Shop\"}},", ""),
                bad));

        JsonNode events = eventsOnceThere("device:" + visitor, 3);
        assertThat(events).hasSize(3);
        assertThat(events.get(1).at("/payload/product/sku").asText()).isEqualTo("85123A");
        assertThat(events.get(1).at("/payload/channel").asText()).as("the batch's context applies").isEqualTo("app");
        assertThat(events.get(2).get("type").asText()).isEqualTo("LoggedInEvent");

        List<ConsumerRecord<String, String>> letters = readDeadLetters(List.of(visitor, visitor));
        assertThat(letters).hasSize(2);
        assertThat(reason(letters.get(0))).isEqualTo("batch[1].properties.product_id: required (or properties.sku): which product; "
                + "batch[1].properties.quantity: must be a whole number of at least 1, got 0");
        assertThat(JSON.readTree(letters.get(0).value())).isEqualTo(JSON.readTree(bad));
        assertThat(reason(letters.get(1))).startsWith("batch[2].timestamp: 2099-01-01T00:00:00Z is more than 1 day after");
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static ConsumerRecord<String, String> letter(List<ConsumerRecord<String, String>> letters, String key) {
        return letters.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(ClickstreamTopicConsumer.REASON_HEADER).value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, String>> readDeadLetters(List<String> keys) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestStack.get().kafka().address(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(ClickstreamTopicConsumer.DLQ_TOPIC));
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.size() < keys.size() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }
}
