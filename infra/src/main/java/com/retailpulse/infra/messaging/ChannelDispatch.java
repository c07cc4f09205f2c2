package com.retailpulse.infra.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.RecordMessageReceiptCommand;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.ReceiptKind;
import com.retailpulse.infra.config.KafkaSettings;
import com.retailpulse.infra.templates.InvalidTemplateException;
import com.retailpulse.infra.templates.MessageRenderer;
import com.retailpulse.infra.web.InvalidRequestException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts every message the customer's guardrails accepted on its channel's Kafka topic, filled for the
 * customer (docs/messaging.md). The token moves only after Kafka acknowledged the batch's messages, so a
 * crash sends them again rather than never; the channel adapters deliver each message id once.
 *
 * <p>Starts at the head of the event stream and is never replayed: a rebuild of read models must not
 * send a customer every message of the past again.
 */
@Component
@ProcessingGroup(ChannelDispatch.PROCESSING_GROUP)
class ChannelDispatch implements AutoCloseable {

    static final String PROCESSING_GROUP = "channel-dispatch";
    private static final String PENDING = ChannelDispatch.class.getName() + ".pending";
    private static final Logger log = LoggerFactory.getLogger(ChannelDispatch.class);

    private final MessageRenderer renderer;
    private final ObjectMapper json;
    private final CommandGateway commands;
    private final Clock clock;
    private final String topicPrefix;
    private final KafkaProducer<String, String> producer;

    ChannelDispatch(MessageRenderer renderer, ObjectMapper json, CommandGateway commands, Clock clock,
                    MessagingSettings messaging, KafkaSettings kafka) {
        this.renderer = renderer;
        this.json = json;
        this.commands = commands;
        this.clock = clock;
        this.topicPrefix = messaging.topicPrefix();
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @EventHandler
    void on(MessageAcceptedEvent event) {
        MessageRequest request = event.request();
        String customerId = event.customerId().value();
        MessageRenderer.Rendered rendered;
        try {
            rendered = renderer.render(customerId, request);
        } catch (InvalidTemplateException | InvalidRequestException e) {
            String reason = "could not fill the message: " + e.getMessage();
            log.warn("message {} to {} not sent, {}", request.messageId(), customerId, reason);
            commands.sendAndWait(new RecordMessageReceiptCommand(event.customerId(), request.messageId(), request.channel(),
                    ReceiptKind.FAILED, reason, clock.instant()));
            return;
        }
        ChannelMessage message = new ChannelMessage(request.messageId(), customerId, request.channel(),
                event.recipient() == null ? customerId : event.recipient().value(), rendered.title(), rendered.body(),
                request.offerId(), request.couponCode(), request.source(), event.acceptedAt());
        pending().add(producer.send(new ProducerRecord<>(request.channel().topic(topicPrefix), customerId, write(message))));
    }

    /**
     * The sends of this batch: they go out together, and the batch (with its token) commits only once Kafka
     * acknowledged every one; a failure rolls the batch back to be sent again (the adapters deliver once).
     */
    private List<Future<RecordMetadata>> pending() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            batch.onPrepareCommit(u -> {
                for (Future<RecordMetadata> send : sends) {
                    try {
                        send.get(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while Kafka acknowledged the messages", e);
                    } catch (ExecutionException | TimeoutException e) {
                        throw new IllegalStateException("Kafka did not take a message: " + e.getMessage(), e);
                    }
                }
            });
            return sends;
        });
    }

    private String write(ChannelMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message " + message.messageId() + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
