package com.retailpulse.infra.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.retailpulse.contracts.common.EncryptedValue;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageOutcome;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.Orders;
import com.retailpulse.privacy.PiiCipher;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data subject's rights on the real stack (docs/privacy.md): an export with everything in clear for the
 * admin only, then erasure. After it the stored events hold no readable personal data of the customer (the
 * test reads every stored event of the record and tries every sealed value), the profile and the inbox drop
 * it, the identifiers are free for a new customer, the customer is not contacted again, and the aggregate
 * still loads and takes orders.
 */
@IntegrationTest
class PersonalDataRightsTest {

    private static final String NAME = "韩梅梅";
    private static final String ADDRESS = "北京市海淀区中关村大街 27 号";

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    PiiCipher cipher;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    MongoClient mongo;
    @Value("${spring.data.mongodb.database}")
    String database;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void an_export_shows_everything_and_an_erasure_leaves_no_readable_personal_data() throws Exception {
        String code = "DSR" + UUID.randomUUID().toString().substring(0, 8);
        String phone = "139" + String.format("%08d", Math.abs(code.hashCode()) % 100_000_000);
        String email = "han.meimei." + System.nanoTime() + "@example.com";
        Api.Response recorded = api.postJson("/api/v1/members", Api.ingest(), """
                {"memberCode": "%s", "level": "silver", "birthday": "1990-03-14", "name": "%s", "phone": "%s", "email": "%s",
                 "address": "%s", "optIns": {"in-app": true, "email": true}}""".formatted(code, NAME, phone, email, ADDRESS));
        assertThat(recorded.status()).as(recorded.body()).isLessThan(300);
        String customerId = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/customers?identifier=member:" + code, Api.analyst()), r -> r.status() == 200)
                .json().get("customerId").asText();
        Api.Response order = api.postJson("/api/v1/ingest/orders", Api.ingest(),
                Orders.json("o-" + code, code, Instant.now().minusSeconds(3600).toString(), 2, "3.50"));
        assertThat(order.status()).as(order.body()).isLessThan(300);
        MessageOutcome sent = commands.sendAndWait(new DeliverMessageCommand(new CustomerId(customerId), inbox(customerId, 1)));
        assertThat(sent).isEqualTo(MessageOutcome.ACCEPTED);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/customers/" + customerId + "/inbox", Api.auditor())
                .json().path("messages").size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> profile(customerId).at("/orders/count").asInt() == 1);

        // a journey's webhook calls about the customer: one delivered, one dead-lettered (docs/journeys.md)
        MongoCollection<Document> webhooks = mongo.getDatabase(database).getCollection("journey_webhook_deliveries");
        for (String status : List.of("DELIVERED", "DEAD")) {
            webhooks.insertOne(new Document("_id", "journey:dsr-" + code + ":tell:" + status).append("status", status)
                    .append("endpoint", "crm").append("customerId", customerId).append("step", "tell")
                    .append("body", new Binary(("{\"profile\":{\"member.name\":\"" + NAME + "\"}}").getBytes(StandardCharsets.UTF_8))));
        }

        // access: everything, in clear, for the admin only
        assertThat(api.get("/api/v1/customers/" + customerId + "/personal-data", Api.analyst()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/" + customerId + "/personal-data", Api.auditor()).status()).isEqualTo(403);
        Api.Response export = api.get("/api/v1/customers/" + customerId + "/personal-data", Api.admin());
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        JsonNode exported = export.json();
        assertThat(exported.at("/profile/personal/name").asText()).isEqualTo(NAME);
        assertThat(exported.at("/profile/personal/email").asText()).isEqualTo(email);
        assertThat(exported.at("/profile/personal/phone").asText()).endsWith(phone);
        assertThat(exported.get("events").size()).isGreaterThanOrEqualTo(4);
        assertThat(exported.at("/stores/inbox").size()).isEqualTo(1);
        assertThat(exported.at("/stores/channel deliveries").size()).isEqualTo(1);
        assertThat(exported.at("/stores/journey webhook deliveries").size()).isEqualTo(2);
        assertThat(exported.at("/stores/journey webhook deliveries/0/body").asText()).contains(NAME);

        // erasure: admin only, with a reason
        assertThat(api.postJson("/api/v1/customers/" + customerId + "/erasure", Api.marketer(), "{\"reason\": \"DSR\"}").status())
                .isEqualTo(403);
        Api.Response noReason = api.postJson("/api/v1/customers/" + customerId + "/erasure", Api.admin(), "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason:");
        assertThat(api.postJson("/api/v1/customers/nobody-" + code + "/erasure", Api.admin(), "{\"reason\": \"DSR\"}").status())
                .isEqualTo(404);
        Api.Response erased = api.postJson("/api/v1/customers/" + customerId + "/erasure", Api.admin(),
                "{\"reason\": \"data subject request " + code + "\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        JsonNode summary = erased.json();
        assertThat(summary.get("keysDeleted").asInt()).isEqualTo(1);
        assertThat(summary.get("releasedIdentifiers").toString()).contains("member:" + code, "phone:", "email:");
        assertThat(summary.at("/stores/inbox").asLong()).isEqualTo(1);
        assertThat(summary.at("/stores/channel deliveries").asLong()).isEqualTo(1);
        assertThat(summary.at("/stores/journey webhook deliveries").asLong()).isEqualTo(2);
        assertThat(webhooks.find(new Document("customerId", customerId)).into(new ArrayList<>()))
                .as("the delivered call's id stays, without its body; the dead letter is gone")
                .singleElement().satisfies(d -> assertThat(d.containsKey("body")).isFalse());

        // the stored events: none says the name, phone, e-mail or address, and no sealed value opens any more
        List<Object> payloads = new ArrayList<>();
        eventStore.readEvents(customerId).asStream().forEach(m -> payloads.add(m.getPayload()));
        assertThat(payloads).hasSizeGreaterThanOrEqualTo(5);
        String stored = mapper.writeValueAsString(payloads);
        assertThat(stored).doesNotContain(NAME).doesNotContain(phone).doesNotContain(email).doesNotContain("中关村")
                .contains("ciphertext");
        List<EncryptedValue> sealed = new ArrayList<>();
        collectSealed(mapper.readTree(stored), sealed);
        assertThat(sealed).hasSizeGreaterThanOrEqualTo(4);
        assertThat(sealed).allSatisfy(value -> assertThat(cipher.decrypt(value)).as(value.kind()).isEmpty());
        JsonNode history = api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json();
        assertThat(history.toString()).contains("PersonalDataErasedEvent").contains("data subject request " + code)
                .contains("\"issuedBy\":\"admin\"");

        // the profile and the inbox drop it
        JsonNode profile = await().atMost(Duration.ofSeconds(30)).until(() -> profile(customerId),
                p -> p.path("personal").isEmpty() && p.path("identifiers").isEmpty());
        assertThat(profile.at("/attributes/birthday").isMissingNode()).isTrue();
        assertThat(profile.at("/orders/count").asInt()).as("the history stays").isEqualTo(1);
        assertThat(api.get("/api/v1/customers/" + customerId + "/inbox", Api.auditor()).json().path("messages").size()).isZero();

        // never contacted again
        MessageOutcome after = commands.sendAndWait(new DeliverMessageCommand(new CustomerId(customerId), inbox(customerId, 2)));
        assertThat(after).isEqualTo(MessageOutcome.SUPPRESSED);

        // the member code is free: the same member recorded again is a new customer
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/customers?identifier=member:" + code, Api.analyst())
                .status() == 404);
        Api.Response again = api.postJson("/api/v1/members", Api.ingest(), """
                {"memberCode": "%s", "level": "silver"}""".formatted(code));
        assertThat(again.status()).as(again.body()).isLessThan(300);
        String newcomer = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/customers?identifier=member:" + code, Api.analyst()), r -> r.status() == 200)
                .json().get("customerId").asText();
        assertThat(newcomer).isNotEqualTo(customerId);
    }

    private JsonNode profile(String customerId) {
        return api.get("/api/v1/customers/" + customerId + "/profile", Api.admin()).json();
    }

    private static MessageRequest inbox(String customerId, int n) {
        return new MessageRequest(new MessageId("campaign:dsr-test:" + customerId + ":" + n), Channel.INBOX, "For you",
                "Your spring offer is waiting.", null, null,
                new MessageSource(MessageSource.CAMPAIGN, "dsr-test", 1, "run-1", "variant-a", null), 0);
    }

    private static void collectSealed(JsonNode node, List<EncryptedValue> sealed) {
        if (node.isObject() && node.has("ciphertext") && node.has("keyId")) {
            sealed.add(new EncryptedValue(node.get("keyId").asText(), node.get("algorithm").asText(), node.get("kind").asText(),
                    node.get("ciphertext").asText()));
            return;
        }
        node.forEach(child -> collectSealed(child, sealed));
    }
}
