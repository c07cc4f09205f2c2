package com.retailpulse.infra.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.ingest.order.OrderTopicConsumer;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.Orders;
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
class OrderSliceOverKafkaTest {

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
        producer.send(new ProducerRecord<>(OrderTopicConsumer.TOPIC, key, json)).get();
    }

    private JsonNode profileOnceCounted(String member, long orders) {
        String customerId = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/customers?identifier=member:" + member, Api.analyst()),
                r -> r.status() == 200).json().get("customerId").asText();
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.analyst()),
                r -> r.status() == 200 && r.json().at("/orders/count").asLong() >= orders).json();
    }

    @Test
    void an_order_on_the_topic_shows_in_the_profile_and_a_redelivery_counts_once() throws Exception {
        String member = Orders.newMember();
        String order = Orders.json("K-1", member, "2026-11-20T10:15:00Z", 3, "4.00");
        send(member, order);
        send(member, order); // a producer retry or a replayed partition
        send(member, Orders.json("K-2", member, "2026-11-21T10:15:00Z", 1, "8.00"));

        JsonNode profile = profileOnceCounted(member, 2);
        Thread.sleep(500); // a late duplicate would have landed by now
        profile = profileOnceCounted(member, 2);
        assertThat(profile.at("/orders/count").asLong()).isEqualTo(2);
        assertThat(profile.at("/orders/revenue").decimalValue()).isEqualByComparingTo("20.00");

        String customerId = profile.get("customerId").asText();
        JsonNode events = api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json().get("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(1).at("/metadata/source").asText()).startsWith("kafka:" + OrderTopicConsumer.TOPIC + "/");
        assertThat(events.get(1).at("/metadata/issuedBy").asText()).isEqualTo("kafka-ingest");
    }

    @Test
    void a_poison_message_goes_to_the_dead_letter_topic_with_its_reason_and_the_consumer_keeps_going() throws Exception {
        String poisonKey = "poison-" + System.nanoTime();
        String invalidKey = "invalid-" + System.nanoTime();
        String member = Orders.newMember();
        send(poisonKey, "{\"orderId\": \"P-1\", \"customer\": ");
        send(invalidKey, Orders.json("P-2", Orders.newMember(), "2026-11-20T10:15:00Z", -2, "4.00"));
        send(member, Orders.json("P-3", member, "2026-11-20T10:15:00Z", 1, "4.00"));

        assertThat(profileOnceCounted(member, 1).at("/orders/count").asLong()).isEqualTo(1);

        List<ConsumerRecord<String, String>> letters = readDeadLetters(List.of(poisonKey, invalidKey));
        assertThat(letters).hasSize(2);
        ConsumerRecord<String, String> poison = letters.stream().filter(r -> r.key().equals(poisonKey)).findFirst().orElseThrow();
        assertThat(reason(poison)).startsWith("malformed JSON:");
        assertThat(poison.value()).isEqualTo("{\"orderId\": \"P-1\", \"customer\": ");
        ConsumerRecord<String, String> invalid = letters.stream().filter(r -> r.key().equals(invalidKey)).findFirst().orElseThrow();
        assertThat(reason(invalid)).contains("lines[0].quantity: must be greater than 0");
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(OrderTopicConsumer.REASON_HEADER).value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, String>> readDeadLetters(List<String> keys) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestStack.get().kafka().address(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(OrderTopicConsumer.DLQ_TOPIC));
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
