package com.retailpulse.infra.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.mongodb.client.MongoClient;
import org.apache.kafka.clients.admin.Admin;
import org.bson.Document;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.StreamSupport;

import static com.retailpulse.infra.channels.ChannelFixtures.awaitEvents;
import static com.retailpulse.infra.channels.ChannelFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP gateway channels and the webhook against real in-process HTTP servers, messages read from Kafka:
 * delivered once however often they are read, retried while the gateway answers 503, dead-lettered with the
 * reason when it stays down, and delivered once by a retry when it is back.
 */
@IntegrationTest
class ChannelGatewayTest {

    private static TestGateway sms;
    private static TestGateway webhook;

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    Admin admin;
    @Autowired
    ChannelSettings settings;
    @Autowired
    ChannelDelivery delivery;
    @Autowired
    MongoClient mongo;
    @Value("${spring.data.mongodb.database}")
    String database;
    @Value("${retailpulse.messaging.topic-prefix}")
    String topicPrefix;

    Api api;
    ChannelFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new ChannelFixtures(commands, mapper, admin, topicPrefix, settings.groupId());
        if (sms == null) {
            sms = new TestGateway(settings.sms().url());
            webhook = new TestGateway(settings.webhook().url());
        }
    }

    @AfterEach
    void tearDown() {
        fixtures.close();
    }

    @AfterAll
    static void stopGateways() {
        if (sms != null) {
            sms.close();
            webhook.close();
            sms = null;
            webhook = null;
        }
    }

    private ChannelMessage sms(String body) {
        String phone = "+86138" + (System.nanoTime() % 100_000_000L);
        return fixtures.accepted(Channel.SMS, phone, null, body);
    }

    @Test
    void a_message_read_twice_from_kafka_is_sent_once_and_recorded_delivered_once() {
        ChannelMessage message = sms("Winter sale starts today, 20% off for members");
        fixtures.publish(message);
        RecordMetadata second = fixtures.publish(message);
        fixtures.awaitHandled(second);

        List<TestGateway.Request> requests = sms.requestsFor(message.messageId().value());
        assertThat(requests).hasSize(1);
        JsonNode payload = json(requests.get(0).text());
        assertThat(payload.get("recipient").asText()).isEqualTo(message.recipient());
        assertThat(payload.get("body").asText()).isEqualTo(message.body());
        assertThat(payload.get("messageId").asText()).isEqualTo(message.messageId().value());
        assertThat(requests.get(0).path()).isEqualTo("/sms");

        List<JsonNode> delivered = awaitEvents(api, message.customerId(), "MessageDeliveredEvent", 1);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).at("/payload/detail").asText()).as("the gateway's id for the message").startsWith("gw-");
        assertThat(delivered.get(0).at("/metadata/issuedBy").asText()).isEqualTo("channels");
    }

    @Test
    void a_gateway_answering_503_twice_gets_the_message_once_after_two_retries() {
        ChannelMessage message = sms("Your coupon expires tomorrow");
        sms.script(message.messageId().value(), 503, 503);
        fixtures.awaitHandled(fixtures.publish(message));

        assertThat(sms.requestsFor(message.messageId().value())).as("two refused, the third taken").hasSize(3);
        assertThat(awaitEvents(api, message.customerId(), "MessageDeliveredEvent", 1)).hasSize(1);
        assertThat(events(api, message.customerId(), "MessageFailedEvent")).isEmpty();
        assertThat(deadLetter(message.messageId().value())).isNull();
    }

    @Test
    void a_gateway_down_for_good_dead_letters_the_message_with_the_reason_and_a_retry_delivers_it_once_when_it_is_back() {
        ChannelMessage message = sms("Last chance: double points this weekend");
        String id = message.messageId().value();
        sms.answerAlways(id, 503);
        fixtures.awaitHandled(fixtures.publish(message));

        assertThat(sms.requestsFor(id)).as("every attempt").hasSize(settings.retry().attempts());
        List<JsonNode> failed = awaitEvents(api, message.customerId(), "MessageFailedEvent", 1);
        assertThat(failed.get(0).at("/payload/detail").asText())
                .contains("sms gateway answered 503").contains("gave up after 5 attempts");
        JsonNode letter = deadLetter(id);
        assertThat(letter).as("listed for the auditor").isNotNull();
        assertThat(letter.get("reason").asText()).contains("sms gateway answered 503");
        assertThat(letter.get("attempts").asInt()).isEqualTo(5);
        assertThat(letter.at("/message/body").asText()).isEqualTo(message.body());
        assertThat(events(api, message.customerId(), "MessageDeliveredEvent")).isEmpty();

        // only an admin may send it again
        assertThat(api.postJson("/api/v1/channels/dead-letters/" + id + "/retries", Api.auditor(), "").status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/channels/dead-letters/" + id + "/retries", Api.marketer(), "").status()).isEqualTo(403);

        sms.recover(id);
        Api.Response retried = api.postJson("/api/v1/channels/dead-letters/" + id + "/retries", Api.admin(), "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("status").asText()).isEqualTo("delivered");
        assertThat(sms.requestsFor(id)).hasSize(6);
        assertThat(awaitEvents(api, message.customerId(), "MessageDeliveredEvent", 1)).hasSize(1);
        assertThat(deadLetter(id)).as("no longer dead").isNull();

        // neither a second retry nor the message read again from Kafka sends it again
        Api.Response again = api.postJson("/api/v1/channels/dead-letters/" + id + "/retries", Api.admin(), "");
        assertThat(again.status()).isEqualTo(404);
        fixtures.awaitHandled(fixtures.publish(message));
        assertThat(sms.requestsFor(id)).hasSize(6);
    }

    @Test
    void a_gateway_refusing_with_400_is_not_retried() {
        ChannelMessage message = sms("Members' evening on Friday");
        sms.answerAlways(message.messageId().value(), 400);
        fixtures.awaitHandled(fixtures.publish(message));

        assertThat(sms.requestsFor(message.messageId().value())).hasSize(1);
        assertThat(awaitEvents(api, message.customerId(), "MessageFailedEvent", 1).get(0).at("/payload/detail").asText())
                .startsWith("sms gateway answered 400");
    }

    @Test
    void a_channel_without_a_provider_dead_letters_its_messages_with_that_reason() {
        ChannelMessage message = fixtures.accepted(Channel.WECHAT_OA, "oa-openid-" + System.nanoTime(), "New arrivals", "Spring collection is in");
        fixtures.awaitHandled(fixtures.publish(message));

        String reason = "no provider configured for channel wechat-oa";
        assertThat(awaitEvents(api, message.customerId(), "MessageFailedEvent", 1).get(0).at("/payload/detail").asText()).isEqualTo(reason);
        assertThat(deadLetter(message.messageId().value()).get("reason").asText()).isEqualTo(reason);
        Api.Response retried = api.postJson("/api/v1/channels/dead-letters/" + message.messageId() + "/retries", Api.admin(), "");
        assertThat(retried.status()).as("still no provider").isEqualTo(502);
        assertThat(retried.json().get("detail").asText()).isEqualTo(reason);
    }

    @Test
    void the_webhook_gets_the_message_signed_with_the_secret_and_its_id_as_idempotency_key() throws Exception {
        ChannelMessage message = fixtures.accepted(Channel.WEBHOOK, null, "Order follow-up", "Rate your order at https://shop.example.com/rate?o=7");
        fixtures.awaitHandled(fixtures.publish(message));

        List<TestGateway.Request> requests = webhook.requestsFor(message.messageId().value());
        assertThat(requests).hasSize(1);
        TestGateway.Request request = requests.get(0);
        assertThat(request.header(WebhookProvider.SIGNATURE_HEADER))
                .isEqualTo("sha256=" + WebhookProvider.sign(ChannelFixtures.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), request.body()));
        JsonNode body = json(request.text());
        assertThat(body.get("messageId").asText()).isEqualTo(message.messageId().value());
        assertThat(body.get("customerId").asText()).isEqualTo(message.customerId());
        assertThat(body.get("body").asText()).startsWith("Rate your order at " + settings.publicBaseUrl() + "/t/")
                .doesNotContain("shop.example.com");
        assertThat(awaitEvents(api, message.customerId(), "MessageDeliveredEvent", 1)).hasSize(1);
    }

    @Test
    void a_delivery_whose_node_stopped_before_the_answer_is_dead_lettered_as_interrupted_and_not_sent_again_unasked() throws Exception {
        ChannelMessage message = sms("Flash sale tonight");
        String id = message.messageId().value();
        // what a node killed between claiming and recording the provider's answer leaves behind
        mongo.getDatabase(database).getCollection(DeliveryLedger.COLLECTION).insertOne(new Document("_id", id).append("channel", "sms")
                .append("customerId", message.customerId()).append("status", "SENDING")
                .append("claimedAt", Date.from(Instant.now().minus(settings.claimLease()).minusSeconds(60)))
                .append("claimedBy", "crashed-node:1/channel-sms-1").append("message", Document.parse(mapper.writeValueAsString(message))));
        fixtures.awaitHandled(fixtures.publish(message));
        assertThat(sms.requestsFor(id)).as("claimed by the stopped node: not sent while its claim lasts").isEmpty();

        assertThat(delivery.expireStaleClaims()).isGreaterThanOrEqualTo(1);
        JsonNode letter = deadLetter(id);
        assertThat(letter.get("reason").asText()).startsWith("interrupted: claimed at").contains("crashed-node:1/channel-sms-1");
        assertThat(awaitEvents(api, message.customerId(), "MessageFailedEvent", 1).get(0).at("/payload/detail").asText())
                .startsWith("interrupted");
        fixtures.awaitHandled(fixtures.publish(message));
        assertThat(sms.requestsFor(id)).as("dead-lettered: only a retry sends it").isEmpty();

        Api.Response retried = api.postJson("/api/v1/channels/dead-letters/" + id + "/retries", Api.admin(), "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(sms.requestsFor(id)).hasSize(1);
        assertThat(awaitEvents(api, message.customerId(), "MessageDeliveredEvent", 1)).hasSize(1);
    }

    private JsonNode deadLetter(String messageId) {
        Api.Response response = api.get("/api/v1/channels/dead-letters?limit=500", Api.auditor());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("deadLetters").spliterator(), false)
                .filter(l -> l.get("messageId").asText().equals(messageId)).findFirst().orElse(null);
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
