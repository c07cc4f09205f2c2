package com.retailpulse.infra.ingest.social;

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
class SocialOverKafkaTest {

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

    @Test
    void events_on_the_topic_are_recorded_and_a_poison_event_goes_to_the_dead_letter_topic_with_its_reason() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String batch = """
                [{"interactionId": "k-like-%1$s", "platform": "douyin", "openId": "dyk-%1$s", "action": "like",
                  "target": "video:88", "occurredAt": "2026-11-20T10:15:00Z"},
                 {"interactionId": "k-bad-%1$s", "platform": "douyin", "action": "like", "occurredAt": "2026-11-20T10:15:00Z"}]
                """.formatted(run);
        producer.send(new ProducerRecord<>(SocialTopicConsumer.TOPIC, "dyk-" + run, "{not json " + run)).get();
        producer.send(new ProducerRecord<>(SocialTopicConsumer.TOPIC, "dyk-" + run, batch)).get();
        producer.send(new ProducerRecord<>(SocialTopicConsumer.TOPIC, "dyk-" + run, batch)).get();

        String customerId = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/customers?identifier=openid:douyin:dyk-" + run, Api.analyst()), r -> r.status() == 200)
                .json().get("customerId").asText();
        JsonNode events = api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json().get("events");
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("CustomerCreatedEvent", "SocialInteractedEvent");
        assertThat(events.get(1).at("/payload/action").asText()).isEqualTo("LIKE");
        assertThat(events.get(1).at("/metadata/source").asText()).startsWith("kafka:" + SocialTopicConsumer.TOPIC + "/");
        assertThat(events.get(1).at("/metadata/issuedBy").asText()).isEqualTo("kafka-ingest");

        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestStack.get().kafka().address(),
                ConsumerConfig.GROUP_ID_CONFIG, "social-dlq-check-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            dlq.subscribe(List.of(SocialTopicConsumer.TOPIC + ".dlq"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    if (r.value().contains(run)) {
                        reasons.add(new String(r.headers().lastHeader(SocialTopicConsumer.REASON_HEADER).value(), StandardCharsets.UTF_8));
                    }
                }
                return reasons.size() >= 3;
            });
        }
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).startsWith("malformed JSON: not valid JSON");
        assertThat(reasons.get(1)).isEqualTo("event 1: openId: openId or unionId is required");
        assertThat(reasons.get(2)).isEqualTo(reasons.get(1));
    }
}
