package com.retailpulse.infra.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.apache.kafka.clients.admin.Admin;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static com.retailpulse.infra.channels.ChannelFixtures.awaitEvents;
import static com.retailpulse.infra.channels.ChannelFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The app's inbox, the in-store guide screen and provider receipts, through the API as the app, a store and a provider call it. */
@IntegrationTest
class InboxAndReceiptsTest {

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
    @Value("${retailpulse.messaging.topic-prefix}")
    String topicPrefix;

    Api api;
    ChannelFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new ChannelFixtures(commands, mapper, admin, topicPrefix, settings.groupId());
    }

    @AfterEach
    void tearDown() {
        fixtures.close();
    }

    @Test
    void inbox_messages_are_listed_for_their_customer_and_reading_one_records_it_opened() {
        ChannelMessage message = fixtures.accepted(Channel.INBOX, null, "Your points", "You have 1,200 points: https://app.example.com/points");
        fixtures.publish(message);
        String inbox = "/api/v1/customers/" + message.customerId() + "/inbox";

        JsonNode listed = await().atMost(Duration.ofSeconds(60)).until(() -> api.get(inbox, Api.ingest()),
                r -> r.status() == 200 && r.json().get("messages").size() == 1).json();
        JsonNode entry = listed.get("messages").get(0);
        assertThat(entry.get("messageId").asText()).isEqualTo(message.messageId().value());
        assertThat(entry.get("title").asText()).isEqualTo("Your points");
        assertThat(entry.get("body").asText()).startsWith("You have 1,200 points: " + settings.publicBaseUrl() + "/t/");
        assertThat(entry.has("readAt")).isFalse();
        assertThat(awaitEvents(api, message.customerId(), "MessageDeliveredEvent", 1)).hasSize(1);

        assertThat(api.get(inbox, Api.marketer()).status()).isEqualTo(200);
        assertThat(api.get(inbox, Api.auditor()).status()).isEqualTo(200);
        assertThat(api.get(inbox, Api.analyst()).status()).isEqualTo(403);
        assertThat(api.get(inbox, null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers/someone-else/inbox", Api.ingest()).json().get("messages")).isEmpty();

        String read = inbox + "/" + message.messageId() + "/read";
        assertThat(api.postJson(read, Api.marketer(), "").status()).as("only the app reports reads").isEqualTo(403);
        Api.Response marked = api.postJson(read, Api.ingest(), "");
        assertThat(marked.status()).as(marked.body()).isEqualTo(200);
        assertThat(marked.json().get("readAt").asText()).isNotBlank();
        assertThat(api.postJson(read, Api.ingest(), "").json().get("readAt")).isEqualTo(marked.json().get("readAt"));
        assertThat(api.postJson("/api/v1/customers/someone-else/inbox/" + message.messageId() + "/read", Api.ingest(), "").status())
                .isEqualTo(404);
        assertThat(awaitEvents(api, message.customerId(), "MessageOpenedEvent", 1)).hasSize(1);
        assertThat(api.get(inbox, Api.ingest()).json().at("/messages/0/readAt").asText()).isEqualTo(marked.json().get("readAt").asText());
    }

    @Test
    void the_guide_screen_shows_the_members_messages_and_acknowledging_one_records_it_opened() {
        ChannelMessage message = fixtures.accepted(Channel.GUIDE_SCREEN, null, "Gold member", "Offer her the cashmere preview");
        fixtures.publish(message);
        String feed = "/api/v1/guide-screen/feed?member=" + message.recipient();

        JsonNode listed = await().atMost(Duration.ofSeconds(60)).until(() -> api.get(feed, Api.ingest()),
                r -> r.status() == 200 && r.json().get("messages").size() == 1).json();
        assertThat(listed.at("/messages/0/body").asText()).isEqualTo("Offer her the cashmere preview");
        assertThat(listed.at("/messages/0/customerId").asText()).isEqualTo(message.customerId());
        assertThat(api.get(feed, Api.marketer()).status()).isEqualTo(403);
        Api.Response noMember = api.get("/api/v1/guide-screen/feed", Api.ingest());
        assertThat(noMember.status()).isEqualTo(400);
        assertThat(noMember.json().get("errors").toString()).contains("member: required");

        Api.Response shown = api.postJson("/api/v1/guide-screen/feed/" + message.messageId() + "/shown", Api.ingest(), "");
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(awaitEvents(api, message.customerId(), "MessageOpenedEvent", 1).get(0).at("/payload/channel").asText())
                .isEqualTo("guide-screen");
        assertThat(api.postJson("/api/v1/guide-screen/feed/no-such-message/shown", Api.ingest(), "").status()).isEqualTo(404);
    }

    @Test
    void provider_receipts_are_checked_field_by_field_refused_for_unknown_messages_and_recorded_once() {
        Api.Response invalid = api.postJson("/api/v1/channels/receipts", Api.ingest(), """
                {"messageId":"","customerId":" ","channel":"fax","kind":"bounced","occurredAt":"yesterday"}
                """);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("title").asText()).isEqualTo("Invalid receipt");
        assertThat(invalid.json().get("errors").toString()).contains("messageId: required", "customerId: required",
                "channel: unknown 'fax'", "kind: unknown receipt kind 'bounced'", "occurredAt: an ISO-8601 instant");
        assertThat(api.postJson("/api/v1/channels/receipts", Api.ingest(), "{not json").status()).isEqualTo(400);

        ChannelMessage message = fixtures.accepted(Channel.INBOX, null, null, "Thanks for your order");
        String receipt = """
                {"messageId":"%s","customerId":"%s","channel":"inbox","kind":"%s","detail":"%s","occurredAt":"2026-11-20T10:15:00Z"}
                """;
        Api.Response unknown = api.postJson("/api/v1/channels/receipts", Api.ingest(),
                receipt.formatted("campaign:never-sent", message.customerId(), "opened", "app"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText()).isEqualTo("customer " + message.customerId() + " was never sent message campaign:never-sent");
        Api.Response noCustomer = api.postJson("/api/v1/channels/receipts", Api.ingest(),
                receipt.formatted(message.messageId(), "nobody-" + System.nanoTime(), "opened", "app"));
        assertThat(noCustomer.status()).isEqualTo(404);

        assertThat(api.postJson("/api/v1/channels/receipts", Api.marketer(), receipt.formatted(message.messageId(), message.customerId(),
                "opened", "app")).status()).isEqualTo(403);
        Api.Response recorded = api.postJson("/api/v1/channels/receipts", Api.ingest(),
                receipt.formatted(message.messageId(), message.customerId(), "opened", "app"));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        assertThat(recorded.json().get("recorded").asBoolean()).isTrue();
        Api.Response again = api.postJson("/api/v1/channels/receipts", Api.ingest(),
                receipt.formatted(message.messageId(), message.customerId(), "opened", "app"));
        assertThat(again.json().get("recorded").asBoolean()).isFalse();
        JsonNode opened = events(api, message.customerId(), "MessageOpenedEvent").get(0);
        assertThat(opened.at("/payload/detail").asText()).isEqualTo("app");
        assertThat(opened.at("/payload/occurredAt").asText()).isEqualTo("2026-11-20T10:15:00Z");
        assertThat(events(api, message.customerId(), "MessageOpenedEvent")).hasSize(1);
    }
}
