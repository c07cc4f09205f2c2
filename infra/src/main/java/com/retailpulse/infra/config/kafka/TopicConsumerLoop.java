package com.retailpulse.infra.config.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The consuming loop every RetailPulse topic shares (orders, clickstream, social, the channel topics): one
 * thread polls; a poll's records are handled by key in parallel on {@code concurrency} workers, each key's
 * records in order (a key is a customer or a visitor, so theirs keep their order); offsets are committed
 * per partition after the batch, up to the first record that was not handled; from there the partition is
 * read again after a pause. Handlers are idempotent (the Customer aggregate, message ids, the delivery
 * ledger), so what was handled past that point is recognised when read again.
 *
 * <p>A handler deals with a record that breaks the contract itself (dead letter) and throws
 * {@link RetryLater} for a fault that is not the record's (the event store or a ledger unreachable). Any
 * other exception is a fault of ours: it is logged with its stack trace and the record read again too,
 * so nothing valid is lost and the other partitions keep flowing.
 */
public final class TopicConsumerLoop {

    private static final Logger log = LoggerFactory.getLogger(TopicConsumerLoop.class);

    /** A record not handled now through no fault of its own: read it again after the pause. */
    public static final class RetryLater extends RuntimeException {
        public RetryLater(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    @FunctionalInterface
    public interface Handler {
        void handle(ConsumerRecord<String, byte[]> record);
    }

    private final String name;
    private final String topic;
    private final Handler handler;
    private final Duration backoff;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ExecutorService workers;
    private final Thread thread;
    private volatile boolean running;

    /**
     * @param name     the loop's thread name, also used in its log lines
     * @param props    client properties with at least the bootstrap servers and the group id; auto-commit
     *                 is switched off and reading starts at the earliest offset of a new group
     * @param backoff  the pause before a partition is read again
     */
    public TopicConsumerLoop(String name, Map<String, Object> props, String topic, int concurrency, Duration backoff,
                             Handler handler) {
        this.name = name;
        this.topic = topic;
        this.handler = handler;
        this.backoff = backoff;
        Map<String, Object> consumerProps = new HashMap<>(props);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, concurrency), runnable -> {
            Thread worker = new Thread(runnable, name + "-worker-" + count.incrementAndGet());
            worker.setDaemon(true);
            return worker;
        });
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        running = true;
        thread.start();
    }

    /** Stops polling, lets the batch in hand finish (up to {@code wait}) and closes the consumer. */
    public void stop(Duration wait) {
        running = false;
        consumer.wakeup();
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    public boolean isRunning() {
        return running;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    consumeBatch(records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Consumer {} of {} woken up while running; it stopped", name, topic, e);
            }
        } catch (RuntimeException e) {
            log.error("Consumer {} of {} stopped on an unexpected error", name, topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void consumeBatch(ConsumerRecords<String, byte[]> records) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            byKey.computeIfAbsent(record.partition() + "/" + record.key(), k -> new ArrayList<>()).add(record);
        }
        Map<TopicPartition, Long> firstUnhandled = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> work = byKey.values().stream()
                .map(sameKey -> CompletableFuture.runAsync(() -> consumeInOrder(sameKey, firstUnhandled), workers))
                .toList();
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();

        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            long next = firstUnhandled.getOrDefault(partition, inPartition.get(inPartition.size() - 1).offset() + 1);
            commits.put(partition, new OffsetAndMetadata(next));
        }
        consumer.commitSync(commits);
        if (!firstUnhandled.isEmpty()) {
            firstUnhandled.forEach(consumer::seek);
            if (running) {
                sleep(backoff);
            }
        }
    }

    private void consumeInOrder(List<ConsumerRecord<String, byte[]>> sameKey, Map<TopicPartition, Long> firstUnhandled) {
        for (ConsumerRecord<String, byte[]> record : sameKey) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (!running) {
                firstUnhandled.merge(partition, record.offset(), Math::min);
                return;
            }
            try {
                handler.handle(record);
            } catch (RetryLater e) {
                log.warn("{}: record {}@{} not handled yet, reading it again in {}: {}", name, partition, record.offset(),
                        backoff, e.getMessage());
                firstUnhandled.merge(partition, record.offset(), Math::min);
                return;
            } catch (RuntimeException e) {
                log.error("{}: record {}@{} failed on an unexpected error, reading it again in {}", name, partition,
                        record.offset(), backoff, e);
                firstUnhandled.merge(partition, record.offset(), Math::min);
                return;
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
