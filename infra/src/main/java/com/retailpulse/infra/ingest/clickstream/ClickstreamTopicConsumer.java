package com.retailpulse.infra.ingest.clickstream;

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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes clickstream messages (one Segment-spec message, or a {"batch":[…]}, per record) from
 * {@code retailpulse.ingest.clickstream}. An offset is committed only after its message's event is
 * stored; a redelivery is recognised by its messageId. A message that breaks the contract goes to
 * {@code retailpulse.ingest.clickstream.dlq} with the reason and the consumer moves on; a transient
 * fault (event store down) is retried, never dead-lettered.
 */
@Component
@ConditionalOnProperty(name = {"retailpulse.kafka.ingest.enabled", "retailpulse.clickstream.kafka.enabled"},
        havingValue = "true", matchIfMissing = true)
public class ClickstreamTopicConsumer implements SmartLifecycle {

    /** The default topics (retailpulse.clickstream.kafka.topic moves them). */
    public static final String TOPIC = "retailpulse.ingest.clickstream";
    public static final String DLQ_TOPIC = TOPIC + ".dlq";
    public static final String REASON_HEADER = DeadLetterTopic.REASON_HEADER;
    public static final String ORIGIN_HEADER = DeadLetterTopic.ORIGIN_HEADER;
    static final String ISSUER = "kafka-ingest";

    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final ClickstreamIngestion ingestion;
    private final ObjectMapper mapper;
    private final KafkaSettings kafka;
    private final ClickstreamSettings.Kafka settings;
    private final Admin admin;
    private final Clock clock;
    private volatile TopicConsumerLoop loop;
    private volatile DeadLetterTopic deadLetters;

    public ClickstreamTopicConsumer(ClickstreamIngestion ingestion, ObjectMapper mapper, KafkaSettings kafka,
                                    ClickstreamSettings settings, Admin admin, Clock clock) {
        this.ingestion = ingestion;
        this.mapper = mapper;
        this.kafka = kafka;
        this.settings = settings.kafka();
        this.admin = admin;
        this.clock = clock;
    }

    /**
     * Records are handled keys in parallel and each key's in sequence ({@link TopicConsumerLoop}): senders
     * key by anonymousId or userId, so one visitor's clicks keep their order; what was recorded past a
     * transient fault is recognised by messageId when read again.
     */
    @Override
    public void start() {
        KafkaTopics.ensure(admin, List.of(KafkaTopics.topic(settings.topic(), settings.partitions()),
                KafkaTopics.topic(settings.deadLetterTopic(), 1)));
        Map<String, Object> consumerProps = new HashMap<>(kafka.clientProperties());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        deadLetters = new DeadLetterTopic(kafka.clientProperties(), settings.deadLetterTopic(), "Clickstream message");
        loop = new TopicConsumerLoop("kafka-ingest-clickstream", consumerProps, settings.topic(), settings.concurrency(),
                RETRY_BACKOFF, this::handle);
        loop.start();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        String position = record.topic() + "/" + record.partition() + "@" + record.offset();
        int size = record.value() == null ? 0 : record.value().length;
        if (size > ClickstreamIngestion.MAX_BATCH_BYTES) {
            deadLetter(record, "record: " + size + " bytes; at most " + ClickstreamIngestion.MAX_BATCH_BYTES
                    + " (500 KB) per record");
            return;
        }
        JsonNode json;
        try {
            json = mapper.readTree(record.value());
        } catch (Exception e) {
            deadLetter(record, "malformed JSON: " + JsonProblems.describe(e));
            return;
        }
        if (json == null || json.isMissingNode()) {
            deadLetter(record, "malformed JSON: the record has no value");
            return;
        }
        ClickstreamIngestion.Origin origin = new ClickstreamIngestion.Origin(ISSUER, "kafka:" + position, record.key(),
                receivedAt(record));
        if (json.has("batch")) {
            handleBatch(record, json, origin);
            return;
        }
        if (size > ClickstreamIngestion.MAX_MESSAGE_BYTES) {
            deadLetter(record, "message: " + size + " bytes; at most " + ClickstreamIngestion.MAX_MESSAGE_BYTES
                    + " (32 KB) per message");
            return;
        }
        ClickstreamMessage message;
        try {
            message = ingestion.map(json, origin.receivedAt());
        } catch (InvalidClickstreamMessageException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        try {
            ingestion.record(message, ingestion.metaData(origin));
        } catch (RuntimeException e) {
            if (ClickstreamIngestion.isTheMessagesFault(e)) {
                deadLetter(record, "rejected: " + e.getMessage());
            } else {
                throw new TopicConsumerLoop.RetryLater(e);
            }
        }
    }

    /**
     * A {"batch":[…]} envelope: each message is recorded as over HTTP (the batch's context merged
     * in), and each one that breaks the contract is dead-lettered on its own, its value the
     * message and its reason naming its index ("batch[2].properties.sku: …"). The valid ones are
     * recorded before any dead letter is sent, so a transient fault retries the record without
     * dead-lettering a message twice.
     */
    private void handleBatch(ConsumerRecord<String, byte[]> record, JsonNode envelope, ClickstreamIngestion.Origin origin) {
        if (!envelope.path("batch").isArray()) {
            deadLetter(record, "batch: must be an array of messages");
            return;
        }
        List<JsonNode> messages = ClickstreamIngestion.messagesOf(envelope);
        ClickstreamIngestion.Outcome outcome;
        try {
            outcome = ingestion.record(messages, null, "batch", origin);
        } catch (RuntimeException e) {
            throw new TopicConsumerLoop.RetryLater(e);
        }
        for (ClickstreamIngestion.Rejection rejection : outcome.rejected()) {
            byte[] value;
            try {
                value = mapper.writeValueAsBytes(envelope.path("batch").get(rejection.index()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot write back a message just read", e);
            }
            deadLetter(record, value, String.join("; ", rejection.errors()));
        }
    }

    /** When the record reached the topic (its timestamp), which is what a visitor's clock is corrected against. */
    private Instant receivedAt(ConsumerRecord<String, byte[]> record) {
        Instant now = clock.instant();
        if (record.timestamp() <= 0) {
            return now;
        }
        Instant stamped = Instant.ofEpochMilli(record.timestamp());
        return stamped.isAfter(now) ? now : stamped;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        deadLetters.send(record, reason);
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, byte[] value, String reason) {
        deadLetters.send(record, value, reason);
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
