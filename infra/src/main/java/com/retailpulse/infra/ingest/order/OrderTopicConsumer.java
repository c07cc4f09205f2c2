package com.retailpulse.infra.ingest.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.infra.config.KafkaSettings;
import com.retailpulse.infra.config.kafka.DeadLetterTopic;
import com.retailpulse.infra.config.kafka.TopicConsumerLoop;
import com.retailpulse.infra.web.JsonProblems;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.common.AxonNonTransientException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Consumes orders from {@code retailpulse.ingest.orders}. An offset is committed only after its
 * order's event is stored, so a crash redelivers and the Customer aggregate ignores the repeat.
 * A message that breaks the contract goes to {@code retailpulse.ingest.orders.dlq} with the reason
 * and the consumer moves on; a transient fault (event store down) is retried, never dead-lettered.
 * Orders are recorded keys in parallel and each key's in sequence ({@link TopicConsumerLoop}): a key
 * is a customer identifier, so a customer's orders keep their order.
 */
@Component
@ConditionalOnProperty(name = "retailpulse.kafka.ingest.enabled", havingValue = "true", matchIfMissing = true)
public class OrderTopicConsumer implements SmartLifecycle {

    /** The default topics (retailpulse.kafka.ingest.topic moves them). */
    public static final String TOPIC = "retailpulse.ingest.orders";
    public static final String DLQ_TOPIC = TOPIC + ".dlq";
    public static final String REASON_HEADER = DeadLetterTopic.REASON_HEADER;
    static final String ISSUER = "kafka-ingest";

    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final OrderIngestion ingestion;
    private final ObjectMapper mapper;
    private final KafkaSettings settings;
    private volatile TopicConsumerLoop loop;
    private volatile DeadLetterTopic deadLetters;

    public OrderTopicConsumer(OrderIngestion ingestion, ObjectMapper mapper, KafkaSettings settings) {
        this.ingestion = ingestion;
        this.mapper = mapper;
        this.settings = settings;
    }

    @Override
    public void start() {
        Map<String, Object> consumerProps = new HashMap<>(settings.clientProperties());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, settings.ingest().groupId());
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        deadLetters = new DeadLetterTopic(settings.clientProperties(), settings.ingest().deadLetterTopic(), "Order");
        loop = new TopicConsumerLoop("kafka-ingest-orders", consumerProps, settings.ingest().topic(),
                settings.ingest().concurrency(), RETRY_BACKOFF, this::handle);
        loop.start();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        String source = "kafka:" + record.topic() + "/" + record.partition() + "@" + record.offset();
        IngestOrderRequest request;
        try {
            request = mapper.readValue(record.value(), IngestOrderRequest.class);
        } catch (Exception e) {
            deadLetters.send(record, "malformed JSON: " + JsonProblems.describe(e));
            return;
        }
        try {
            ingestion.record(request, new OrderIngestion.Origin(ISSUER, source, record.key()));
        } catch (InvalidOrderException e) {
            deadLetters.send(record, e.getMessage());
        } catch (RuntimeException e) {
            if (AxonNonTransientException.isCauseOf(e)) {
                deadLetters.send(record, "rejected: " + e.getMessage());
            } else {
                throw new TopicConsumerLoop.RetryLater(e);
            }
        }
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
