package com.retailpulse.infra.config.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * An ingest topic's dead-letter topic: a record (or one message of it) that breaks the contract goes there
 * with the reason and where it came from in headers, and the consumer moves on. A letter that cannot be
 * written is a {@link TopicConsumerLoop.RetryLater}: the record is read again, never dropped.
 */
public final class DeadLetterTopic implements AutoCloseable {

    public static final String REASON_HEADER = "retailpulse.dlq.reason";
    public static final String ORIGIN_HEADER = "retailpulse.dlq.origin";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterTopic.class);

    private final String topic;
    private final String what;
    private final KafkaProducer<String, byte[]> producer;

    /** @param what what a record is, for the log ("Order", "Clickstream message") */
    public DeadLetterTopic(Map<String, Object> clientProperties, String topic, String what) {
        this.topic = topic;
        this.what = what;
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public void send(ConsumerRecord<String, byte[]> record, String reason) {
        send(record, record.value(), reason);
    }

    /** Dead-letters {@code value} (the record, or the one message of it at fault) with the reason. */
    public void send(ConsumerRecord<String, byte[]> record, byte[] value, String reason) {
        log.warn("{} at {}-{}@{} dead-lettered: {}", what, record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topic, record.key(), value);
        letter.headers().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        letter.headers().add(ORIGIN_HEADER, (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(letter).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicConsumerLoop.RetryLater(e);
        } catch (ExecutionException e) {
            throw new TopicConsumerLoop.RetryLater(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
