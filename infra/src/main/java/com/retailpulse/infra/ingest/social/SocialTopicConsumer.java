package com.retailpulse.infra.ingest.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.infra.config.KafkaSettings;
import com.retailpulse.infra.web.JsonProblems;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.AxonNonTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Consumes social events from {@code retailpulse.ingest.social}: the same JSON as the HTTP endpoint,
 * one event or an array per message. Valid events are recorded; each invalid one goes to
 * {@code retailpulse.ingest.social.dlq} with the reason in a header, and the consumer moves on.
 * A transient fault (event store down) is retried from the same offset, never dead-lettered;
 * events recorded before it are recognised by their interactionId when read again.
 */
@Component
@ConditionalOnProperty(name = "retailpulse.kafka.ingest.enabled", havingValue = "true", matchIfMissing = true)
public class SocialTopicConsumer implements SmartLifecycle {

    public static final String TOPIC = "retailpulse.ingest.social";
    public static final String REASON_HEADER = "retailpulse.dlq.reason";
    static final String ISSUER = "kafka-ingest";

    private static final Logger log = LoggerFactory.getLogger(SocialTopicConsumer.class);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final SocialIngestion ingestion;
    private final ObjectMapper mapper;
    private final KafkaSettings kafka;
    private final SocialSettings.Kafka settings;
    private final Admin admin;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile KafkaProducer<String, byte[]> deadLetters;
    private volatile Thread thread;
    private volatile boolean running;

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
        createTopics();
        Map<String, Object> consumerProps = new HashMap<>(kafka.clientProperties());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.ingest().groupId() + ".social");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerProps = new HashMap<>(kafka.clientProperties());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        deadLetters = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(this::run, "kafka-ingest-social");
        thread.start();
    }

    private void createTopics() {
        // Replication factor -1: the cluster's default.
        for (NewTopic topic : List.of(new NewTopic(settings.topic(), settings.partitions(), (short) -1),
                new NewTopic(settings.deadLetterTopic(), 1, (short) -1))) {
            try {
                admin.createTopics(List.of(topic)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create Kafka topic " + topic.name() + ": " + e.getCause().getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating Kafka topic " + topic.name(), e);
            }
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.topic()));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    consumeBatch(records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("Social consumer stopped on an unexpected error", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Each partition in order, up to its first transient failure; offsets committed once per poll. */
    private void consumeBatch(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        boolean failed = false;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!running) {
                    consumer.seek(partition, record.offset());
                    break;
                }
                try {
                    handle(record);
                    commits.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } catch (TransientIngestFailure e) {
                    log.warn("Social event at {}-{}@{} not recorded yet, retrying in {}: {}", record.topic(),
                            record.partition(), record.offset(), RETRY_BACKOFF, e.getMessage());
                    consumer.seek(partition, record.offset());
                    failed = true;
                    break;
                }
            }
        }
        if (!commits.isEmpty()) {
            consumer.commitSync(commits);
        }
        if (failed) {
            sleep(RETRY_BACKOFF);
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        String source = "kafka:" + record.topic() + "/" + record.partition() + "@" + record.offset();
        JsonNode json;
        try {
            json = mapper.readTree(record.value());
        } catch (Exception e) {
            deadLetter(record, record.value(), "malformed JSON: " + JsonProblems.describe(e));
            return;
        }
        if (json == null || !(json.isObject() || json.isArray())) {
            deadLetter(record, record.value(), "the message must be one event (a JSON object) or an array of events");
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
                deadLetter(record, bytes(event), (json.isArray() ? "event " + i + ": " : "") + e.getMessage());
            } catch (RuntimeException e) {
                if (AxonNonTransientException.isCauseOf(e)) {
                    deadLetter(record, bytes(event), "rejected: " + e.getMessage());
                } else {
                    throw new TransientIngestFailure(e);
                }
            }
        }
    }

    private byte[] bytes(JsonNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, byte[] value, String reason) {
        log.warn("Social event at {}-{}@{} dead-lettered: {}", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(settings.deadLetterTopic(), record.key(), value);
        letter.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        letter.headers().add("retailpulse.dlq.origin", (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(letter).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientIngestFailure(e);
        } catch (ExecutionException e) {
            throw new TransientIngestFailure(e.getCause());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            consumer.wakeup();
            try {
                t.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
            deadLetters = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the Axon processors (phase 0+) and long before the local stack. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private static final class TransientIngestFailure extends RuntimeException {
        TransientIngestFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
