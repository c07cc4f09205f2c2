package com.retailpulse.infra.ingest.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.infra.config.KafkaSettings;
import com.retailpulse.infra.web.JsonProblems;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.common.AxonThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * Consumes orders from {@code retailpulse.ingest.orders}. An offset is committed only after its
 * order's event is stored, so a crash redelivers and the Customer aggregate ignores the repeat.
 * A message that breaks the contract goes to {@code retailpulse.ingest.orders.dlq} with the reason
 * and the consumer moves on; a transient fault (event store down) is retried, never dead-lettered.
 */
@Component
@ConditionalOnProperty(name = "retailpulse.kafka.ingest.enabled", havingValue = "true", matchIfMissing = true)
public class OrderTopicConsumer implements SmartLifecycle {

    /** The default topics (retailpulse.kafka.ingest.topic moves them). */
    public static final String TOPIC = "retailpulse.ingest.orders";
    public static final String DLQ_TOPIC = TOPIC + ".dlq";
    public static final String REASON_HEADER = "retailpulse.dlq.reason";
    static final String ISSUER = "kafka-ingest";

    private static final Logger log = LoggerFactory.getLogger(OrderTopicConsumer.class);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final OrderIngestion ingestion;
    private final ObjectMapper mapper;
    private final KafkaSettings settings;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile KafkaProducer<String, byte[]> deadLetters;
    private volatile Thread thread;
    private volatile ExecutorService workers;
    private volatile boolean running;

    public OrderTopicConsumer(OrderIngestion ingestion, ObjectMapper mapper, KafkaSettings settings) {
        this.ingestion = ingestion;
        this.mapper = mapper;
        this.settings = settings;
    }

    @Override
    public void start() {
        Map<String, Object> consumerProps = new HashMap<>(settings.clientProperties());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, settings.ingest().groupId());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerProps = new HashMap<>(settings.clientProperties());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        deadLetters = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        workers = Executors.newFixedThreadPool(settings.ingest().concurrency(), new AxonThreadFactory("kafka-ingest-worker"));
        running = true;
        thread = new Thread(this::run, "kafka-ingest-orders");
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.ingest().topic()));
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
            log.error("Order consumer stopped on an unexpected error", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Records one poll's orders, keys in parallel and each key's orders in sequence (a key is a
     * customer identifier, so a customer's orders keep their order). Offsets are committed once per
     * partition after the batch, up to the first order that hit a transient fault; from there the
     * partition is read again after a pause. Orders recorded past that point are simply seen again
     * and ignored by the Customer aggregate.
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
                log.warn("Order at {}-{}@{} not recorded yet, retrying in {}: {}", record.topic(), record.partition(),
                        record.offset(), RETRY_BACKOFF, e.getMessage());
                firstFailed.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
                return;
            }
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        String source = "kafka:" + record.topic() + "/" + record.partition() + "@" + record.offset();
        IngestOrderRequest request;
        try {
            request = mapper.readValue(record.value(), IngestOrderRequest.class);
        } catch (Exception e) {
            deadLetter(record, "malformed JSON: " + JsonProblems.describe(e));
            return;
        }
        try {
            ingestion.record(request, new OrderIngestion.Origin(ISSUER, source, record.key()));
        } catch (InvalidOrderException e) {
            deadLetter(record, e.getMessage());
        } catch (RuntimeException e) {
            if (AxonNonTransientException.isCauseOf(e)) {
                deadLetter(record, "rejected: " + e.getMessage());
            } else {
                throw new TransientIngestFailure(e);
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        log.warn("Order at {}-{}@{} dead-lettered: {}", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(settings.ingest().deadLetterTopic(), record.key(), record.value());
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
