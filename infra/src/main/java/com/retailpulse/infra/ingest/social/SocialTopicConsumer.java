package com.retailpulse.infra.ingest.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.infra.config.KafkaSettings;
import com.retailpulse.infra.config.kafka.DeadLetterTopic;
import com.retailpulse.infra.config.kafka.KafkaTopics;
import com.retailpulse.infra.config.kafka.TopicConsumerLoop;
import com.retailpulse.infra.web.JsonProblems;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.common.AxonNonTransientException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes social events from {@code retailpulse.ingest.social}: the same JSON as the HTTP endpoint,
 * one event or an array per message. Valid events are recorded; each invalid one goes to
 * {@code retailpulse.ingest.social.dlq} with the reason in a header, and the consumer moves on.
 * A transient fault (event store down) is retried from the same offset, never dead-lettered;
 * events recorded before it are recognised by their interactionId when read again. Records are
 * handled keys in parallel, each key's in order ({@link TopicConsumerLoop}).
 */
@Component
@ConditionalOnProperty(name = "retailpulse.kafka.ingest.enabled", havingValue = "true", matchIfMissing = true)
public class SocialTopicConsumer implements SmartLifecycle {

    public static final String TOPIC = "retailpulse.ingest.social";
    public static final String REASON_HEADER = DeadLetterTopic.REASON_HEADER;
    static final String ISSUER = "kafka-ingest";

    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final SocialIngestion ingestion;
    private final ObjectMapper mapper;
    private final KafkaSettings kafka;
    private final SocialSettings.Kafka settings;
    private final Admin admin;
    private volatile TopicConsumerLoop loop;
    private volatile DeadLetterTopic deadLetters;

    public SocialTopicConsumer(SocialIngestion ingestion, ObjectMapper mapper, KafkaSettings kafka, SocialSettings settings, Admin admin) {
        this.ingestion = ingestion;
        this.mapper = mapper;
        this.kafka = kafka;
        this.settings = settings.kafka();
        this.admin = admin;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        KafkaTopics.ensure(admin, List.of(KafkaTopics.topic(settings.topic(), settings.partitions()),
                KafkaTopics.topic(settings.deadLetterTopic(), 1)));
        Map<String, Object> consumerProps = new HashMap<>(kafka.clientProperties());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.ingest().groupId() + ".social");
        deadLetters = new DeadLetterTopic(kafka.clientProperties(), settings.deadLetterTopic(), "Social event");
        loop = new TopicConsumerLoop("kafka-ingest-social", consumerProps, settings.topic(), kafka.ingest().concurrency(),
                RETRY_BACKOFF, this::handle);
        loop.start();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        String source = "kafka:" + record.topic() + "/" + record.partition() + "@" + record.offset();
        JsonNode json;
        try {
            json = mapper.readTree(record.value());
        } catch (Exception e) {
            deadLetters.send(record, "malformed JSON: " + JsonProblems.describe(e));
            return;
        }
        if (json == null || !(json.isObject() || json.isArray())) {
            deadLetters.send(record, "the message must be one event (a JSON object) or an array of events");
            return;
        }
        List<JsonNode> events = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(events::add);
        } else {
            events.add(json);
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            try {
                ingestion.record(event, new SocialIngestion.Origin(ISSUER, source, record.key()));
            } catch (InvalidSocialEventException e) {
                deadLetters.send(record, bytes(event), (json.isArray() ? "event " + i + ": " : "") + e.getMessage());
            } catch (RuntimeException e) {
                if (AxonNonTransientException.isCauseOf(e)) {
                    deadLetters.send(record, bytes(event), "rejected: " + e.getMessage());
                } else {
                    throw new TopicConsumerLoop.RetryLater(e);
                }
            }
        }
    }

    private byte[] bytes(JsonNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void stop() {
        TopicConsumerLoop running = loop;
        if (running != null) {
            running.stop(Duration.ofSeconds(15));
            loop = null;
        }
        if (deadLetters != null) {
            deadLetters.close();
            deadLetters = null;
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null && loop.isRunning();
    }

    /** Stops before the Axon processors (phase 0+) and long before the local stack. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
