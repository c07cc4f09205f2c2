package com.retailpulse.infra.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.infra.config.KafkaSettings;
import com.retailpulse.infra.web.JsonProblems;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;

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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Kafka consumer per channel topic ({@code <topic-prefix><channel>}, group {@code retailpulse.channels.group-id}),
 * each on its own daemon thread, so a provider that is down slows only its own channel. A poll's messages
 * are delivered in parallel by customer (the record key), each customer's in order; offsets are committed
 * after their messages were handled, up to the first that hit a fault of our own (the ledger unreachable),
 * which is read again after a pause. A message read again is not sent again: {@link ChannelDelivery} claims
 * each message id once.
 */
final class ChannelTopicConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChannelTopicConsumers.class);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final ChannelDelivery delivery;
    private final ObjectMapper mapper;
    private final KafkaSettings kafka;
    private final ChannelSettings settings;
    private final Admin admin;
    private final String topicPrefix;
    private final int partitions;
    private final List<ChannelConsumer> consumers = new ArrayList<>();
    private volatile boolean running;

    ChannelTopicConsumers(ChannelDelivery delivery, ObjectMapper mapper, KafkaSettings kafka, ChannelSettings settings, Admin admin,
                          String topicPrefix, int partitions) {
        this.delivery = delivery;
        this.mapper = mapper;
        this.kafka = kafka;
        this.settings = settings;
        this.admin = admin;
        this.topicPrefix = topicPrefix;
        this.partitions = partitions;
    }

    @Override
    public void start() {
        createTopics();
        if (!settings.enabled()) {
            log.info("Channel delivery is off (retailpulse.channels.enabled=false): messages wait on their topics");
            return;
        }
        running = true;
        for (Channel channel : Channel.values()) {
            ChannelConsumer consumer = new ChannelConsumer(channel);
            consumers.add(consumer);
            consumer.start();
        }
    }

    /** The topics exist before anyone publishes or consumes, whether or not this node delivers. */
    private void createTopics() {
        for (Channel channel : Channel.values()) {
            NewTopic topic = new NewTopic(channel.topic(topicPrefix), partitions, (short) -1);
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

    /** Dead-letters the claims of deliveries that stopped without an answer (see {@link ChannelDelivery#expireStaleClaims}). */
    @Scheduled(fixedDelay = 60, initialDelay = 60, timeUnit = TimeUnit.SECONDS)
    void expireStaleClaims() {
        if (!running) {
            return;
        }
        try {
            delivery.expireStaleClaims();
        } catch (RuntimeException e) {
            log.warn("Stale channel claims not checked this time: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        consumers.forEach(ChannelConsumer::wakeup);
        consumers.forEach(ChannelConsumer::join);
        consumers.clear();
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

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private final class ChannelConsumer {

        private final Channel channel;
        private final String topic;
        private final KafkaConsumer<String, byte[]> consumer;
        private final ExecutorService workers;
        private final Thread thread;

        ChannelConsumer(Channel channel) {
            this.channel = channel;
            this.topic = channel.topic(topicPrefix);
            Map<String, Object> props = new HashMap<>(kafka.clientProperties());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-" + channel.code() + "-" + ProcessHandle.current().pid());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            // A poll's messages may each wait for a provider's retries: few per poll, and time to finish them.
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.concurrency() * 4);
            props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(15).toMillis());
            this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            this.workers = Executors.newFixedThreadPool(settings.concurrency(), daemons("channel-" + channel.code() + "-"));
            this.thread = new Thread(this::run, "channel-consumer-" + channel.code());
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void wakeup() {
            consumer.wakeup();
        }

        void join() {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workers.shutdownNow();
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
                    log.error("Channel consumer {} woken up while running", topic, e);
                }
            } catch (RuntimeException e) {
                log.error("Channel consumer {} stopped on an unexpected error", topic, e);
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

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
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (!running) {
                    firstFailed.merge(partition, record.offset(), Math::min);
                    return;
                }
                try {
                    handle(record);
                } catch (RuntimeException e) {
                    log.warn("Channel message at {}@{} not handled yet, reading it again in {}: {}", partition, record.offset(),
                            RETRY_BACKOFF, e.toString());
                    firstFailed.merge(partition, record.offset(), Math::min);
                    return;
                }
            }
        }

        private void handle(ConsumerRecord<String, byte[]> record) {
            String origin = "kafka:" + record.topic() + "/" + record.partition() + "@" + record.offset();
            ChannelMessage message;
            try {
                message = mapper.readValue(record.value(), ChannelMessage.class);
            } catch (Exception e) {
                delivery.unreadable(origin, channel.code(), raw(record.value()), "not a channel message: " + JsonProblems.describe(e));
                return;
            }
            if (message == null) {
                delivery.unreadable(origin, channel.code(), raw(record.value()), "not a channel message: empty");
                return;
            }
            if (message.channel() != channel) {
                delivery.unreadable(origin, channel.code(), raw(record.value()), "a " + message.channel().code()
                        + " message on the " + channel.code() + " topic " + topic);
                return;
            }
            ChannelDelivery.Outcome outcome = delivery.deliver(message, origin);
            log.debug("{} message {}: {}", channel.code(), message.messageId(), outcome);
        }

        /** What is kept of an unreadable record: its text, cut at 64 KiB. */
        private static String raw(byte[] value) {
            if (value == null) {
                return "";
            }
            String text = new String(value, StandardCharsets.UTF_8);
            return text.length() > 65_536 ? text.substring(0, 65_536) + "…" : text;
        }

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
