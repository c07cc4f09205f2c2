package com.retailpulse.infra.ingest.clickstream;

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
import org.axonframework.common.AxonThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
    public static final String REASON_HEADER = "retailpulse.dlq.reason";
    public static final String ORIGIN_HEADER = "retailpulse.dlq.origin";
    static final String ISSUER = "kafka-ingest";

    private static final Logger log = LoggerFactory.getLogger(ClickstreamTopicConsumer.class);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final ClickstreamIngestion ingestion;
    private final ObjectMapper mapper;
    private final KafkaSettings kafka;
    private final ClickstreamSettings.Kafka settings;
    private final Admin admin;
    private final Clock clock;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile KafkaProducer<String, byte[]> deadLetters;
    private volatile Thread thread;
    private volatile ExecutorService workers;
    private volatile boolean running;

    public ClickstreamTopicConsumer(ClickstreamIngestion ingestion, ObjectMapper mapper, KafkaSettings kafka,
                                    ClickstreamSettings settings, Admin admin, Clock clock) {
        this.ingestion = ingestion;
        this.mapper = mapper;
        this.kafka = kafka;
        this.settings = settings.kafka();
        this.admin = admin;
        this.clock = clock;
    }

    @Override
    public void start() {
        createTopics();
        Map<String, Object> consumerProps = new HashMap<>(kafka.clientProperties());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerProps = new HashMap<>(kafka.clientProperties());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        deadLetters = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        workers = Executors.newFixedThreadPool(settings.concurrency(), new AxonThreadFactory("kafka-clickstream-worker"));
        running = true;
        thread = new Thread(this::run, "kafka-ingest-clickstream");
        thread.start();
    }

    /** Replication factor -1: the cluster's default (1 on the local broker, 3 on a real cluster). */
    private void createTopics() {
        for (NewTopic topic : List.of(new NewTopic(settings.topic(), settings.partitions(), (short) -1),
                new NewTopic(settings.deadLetterTopic(), 1, (short) -1))) {
            try {
                admin.createTopics(List.of(topic)).all().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating Kafka topic " + topic.name(), e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create Kafka topic " + topic.name() + ": " + e.getCause().getMessage(), e);
                }
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
            log.error("Clickstream consumer stopped on an unexpected error", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Records one poll's messages, keys in parallel and each key's messages in sequence (senders
     * key by anonymousId or userId, so one visitor's clicks keep their order). Offsets are
     * committed per partition up to the first message that hit a transient fault; from there the
     * partition is read again after a pause, and what was recorded past it is recognised by messageId.
     */
    private void consumeBatch(ConsumerRecords<String, byte[]> records) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            byKey.computeIfAbsent(record.partition() + "/" + record.key(), k -> new ArrayList<>()).add(record);
        }
        Map<TopicPartition, Long> firstFailed = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> work = byKey.values().stream()
                .map(sameKey -> CompletableFuture.runAsync(() -> consumeInOrder(sameKey, firstFailed), workers))
                .toList();
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();

        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            long next = firstFailed.getOrDefault(partition, inPartition.get(inPartition.size() - 1).offset() + 1);
            commits.put(partition, new OffsetAndMetadata(next));
        }
        consumer.commitSync(commits);
        if (!firstFailed.isEmpty()) {
            firstFailed.forEach(consumer::seek);
            sleep(RETRY_BACKOFF);
        }
    }

    private void consumeInOrder(List<ConsumerRecord<String, byte[]>> sameKey, Map<TopicPartition, Long> firstFailed) {
        for (ConsumerRecord<String, byte[]> record : sameKey) {
            if (!running) {
                firstFailed.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
                return;
            }
            try {
                handle(record);
            } catch (TransientIngestFailure e) {
                log.warn("Clickstream message at {}-{}@{} not recorded yet, retrying in {}: {}", record.topic(),
                        record.partition(), record.offset(), RETRY_BACKOFF, e.getMessage());
                firstFailed.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
                return;
            }
        }
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
                throw new TransientIngestFailure(e);
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
            throw new TransientIngestFailure(e);
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
        deadLetter(record, record.value(), reason);
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, byte[] value, String reason) {
        log.warn("Clickstream message at {}-{}@{} dead-lettered: {}", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(settings.deadLetterTopic(), record.key(), value);
        letter.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        letter.headers().add(ORIGIN_HEADER, (record.topic() + "/" + record.partition() + "@" + record.offset())
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
        }
        if (workers != null) {
            workers.shutdown();
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
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
