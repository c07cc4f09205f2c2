package com.retailpulse.infra.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.infra.config.KafkaSettings;
import com.retailpulse.infra.config.kafka.KafkaTopics;
import com.retailpulse.infra.config.kafka.TopicConsumerLoop;
import com.retailpulse.infra.web.JsonProblems;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Kafka consumer per channel topic ({@code <topic-prefix><channel>}, group {@code retailpulse.channels.group-id}),
 * each on its own thread, so a provider that is down slows only its own channel. A poll's messages are
 * delivered in parallel by customer (the record key), each customer's in order ({@link TopicConsumerLoop});
 * offsets are committed after their messages were handled, up to the first that hit a fault of our own (the
 * ledger unreachable), which is read again after a pause. A message read again is not sent again: {@link ChannelDelivery} claims
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
    private final List<TopicConsumerLoop> consumers = new ArrayList<>();
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
            TopicConsumerLoop consumer = consumerOf(channel);
            consumers.add(consumer);
            consumer.start();
        }
    }

    /** The topics exist before anyone publishes or consumes, whether or not this node delivers. */
    private void createTopics() {
        List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            topics.add(KafkaTopics.topic(channel.topic(topicPrefix), partitions));
        }
        KafkaTopics.ensure(admin, topics);
    }

    private TopicConsumerLoop consumerOf(Channel channel) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-" + channel.code() + "-" + ProcessHandle.current().pid());
        // A poll's messages may each wait for a provider's retries: few per poll, and time to finish them.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.concurrency() * 4);
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(15).toMillis());
        String topic = channel.topic(topicPrefix);
        return new TopicConsumerLoop("channel-consumer-" + channel.code(), props, topic, settings.concurrency(), RETRY_BACKOFF,
                record -> {
                    try {
                        handle(channel, topic, record);
                    } catch (RuntimeException e) {
                        // The ledger or the dead letters unreachable: not the message's fault, read it again.
                        throw new TopicConsumerLoop.RetryLater(e);
                    }
                });
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
        consumers.forEach(consumer -> consumer.stop(Duration.ofSeconds(30)));
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

    private void handle(Channel channel, String topic, ConsumerRecord<String, byte[]> record) {
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
}
