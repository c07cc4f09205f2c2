package com.retailpulse.infra.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.LinkIdentifierCommand;
import com.retailpulse.contracts.customer.RecordMemberProfileCommand;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageOutcome;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.TestStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Customers whose guardrails accepted a message, and that message on its channel topic, as the rest of the
 * platform would publish it. Each call makes a new customer (the application context is shared).
 */
final class ChannelFixtures implements AutoCloseable {

    /** Must match retailpulse.channels.webhook.secret in {@code @IntegrationTest}. */
    static final String WEBHOOK_SECRET = "channels-test-webhook-secret";

    private final CommandGateway commands;
    private final ObjectMapper mapper;
    private final Admin admin;
    private final String topicPrefix;
    private final String groupId;
    private final KafkaProducer<String, String> producer;

    ChannelFixtures(CommandGateway commands, ObjectMapper mapper, Admin admin, String topicPrefix, String groupId) {
        this.commands = commands;
        this.mapper = mapper;
        this.admin = admin;
        this.topicPrefix = topicPrefix;
        this.groupId = groupId;
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestStack.get().kafka().address()),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * A new customer with marketing consent for {@code channel} and {@code address} (an identifier of the
     * channel's address type; ignored for the inbox, the webhook and the guide screen, which use the
     * customer id or the member code), whose guardrails accepted a message with this title and body.
     */
    ChannelMessage accepted(Channel channel, String address, String title, String body) {
        String customerId = UUID.randomUUID().toString();
        String memberCode = "m-" + customerId.substring(0, 8);
        ConsentChannel consent = channel.consent() == null ? ConsentChannel.EMAIL : channel.consent();
        Instant now = Instant.now();
        commands.sendAndWait(new RecordMemberProfileCommand(new CustomerId(customerId), new CustomerIdentifier(IdentifierType.MEMBER, memberCode),
                memberCode, null, null, null, null, null, null, null, null, null, "fp-" + customerId, now,
                "channels-test", List.of(new ConsentStatement(consent, ConsentPurpose.MARKETING, true, now))));
        String recipient = customerId;
        if (channel.address() == IdentifierType.MEMBER) {
            recipient = memberCode;
        } else if (channel.address() != null) {
            commands.sendAndWait(new LinkIdentifierCommand(new CustomerId(customerId), new CustomerIdentifier(channel.address(), address)));
            recipient = address;
        }
        MessageId messageId = MessageId.of("campaign:channels-test:" + customerId);
        MessageSource source = new MessageSource(MessageSource.CAMPAIGN, "channels-test", 1, "run-1", "variant-a", null);
        MessageOutcome outcome = commands.sendAndWait(new DeliverMessageCommand(new CustomerId(customerId),
                new MessageRequest(messageId, channel, title, body, null, null, source, 0)));
        assertThat(outcome).as("the customer's guardrails accept the message").isEqualTo(MessageOutcome.ACCEPTED);
        return new ChannelMessage(messageId, customerId, channel, recipient, title, body, null, null, source, now);
    }


    /** Publishes the message on its channel's topic, keyed by customer, as JSON from the platform's ObjectMapper. */
    RecordMetadata publish(ChannelMessage message) {
        try {
            return producer.send(new ProducerRecord<>(message.channel().topic(topicPrefix), message.customerId(),
                    mapper.writeValueAsString(message))).get();
        } catch (Exception e) {
            throw new AssertionError("cannot publish " + message.messageId(), e);
        }
    }

    /** Waits until the channel consumers committed past {@code record}: it was handled, whatever that did. */
    void awaitHandled(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().get(partition);
            return committed != null && committed.offset() > record.offset();
        });
    }

    static List<JsonNode> events(Api api, String customerId, String type) {
        Api.Response response = api.get("/api/v1/customers/" + customerId + "/events", Api.auditor());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("events").spliterator(), false)
                .filter(e -> e.get("type").asText().equals(type)).toList();
    }

    static List<JsonNode> awaitEvents(Api api, String customerId, String type, int atLeast) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> events(api, customerId, type), l -> l.size() >= atLeast);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
