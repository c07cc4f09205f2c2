package com.retailpulse.infra.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.RecordMessageReceiptCommand;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageOutcome;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.contracts.message.ReceiptKind;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.Offers;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the dashboard tests measure, made as the platform would see it: four customers who bought tea in one
 * store two days ago (one of them also in the app since), a segment of them, inbox consent, a campaign sending
 * variant a to two of them (one with a 5 CNY voucher) and variant b to one, a journey messaging the fourth;
 * opens, a click, and orders after the messages (the voucher redeemed on one).
 */
final class DashboardScenario {

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String campaign = "cmp-dash-" + run;
    final String journey = "jrn-dash-" + run;
    final String store = "store-" + run;
    final String segment = "dash_" + run;
    final String teaSku = "TEA-" + run;
    final String cupSku = "CUP-" + run;
    final List<String> members = IntStream.range(0, 4).mapToObj(i -> "dash-" + run + "-" + i).toList();
    String[] customers = new String[4];
    Instant sentFrom;
    Instant sentUntil;

    private final Api api;
    private final CommandGateway commands;

    DashboardScenario(Api api, CommandGateway commands) {
        this.api = api;
        this.commands = commands;
    }

    DashboardScenario play() {
        Api.Response catalogue = api.postJson("/api/v1/catalogue/products", Api.admin(), """
                [{"sku":"%s","name":"Green tea","category":"tea-%s","brand":"Leaf"},
                 {"sku":"%s","name":"Tea cup","category":"cups-%s","brand":"Leaf"}]""".formatted(teaSku, run, cupSku, run));
        assertThat(catalogue.status()).as(catalogue.body()).isEqualTo(200);
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 4; i++) {
            customers[i] = order(members.get(i), "seed-" + i, twoDaysAgo, teaSku, "10.00", "pos", store).get("customerId").asText();
        }
        order(members.get(3), "app-3", Instant.now().minus(Duration.ofDays(1)), teaSku, "12.00", "app", null);
        consent();
        // the segment's backfill reads the profiles: they must show the purchase first
        for (String customer : customers) {
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/customers/" + customer + "/profile", Api.analyst()),
                    r -> r.status() == 200 && r.json().at("/tags/behaviour.preferredProducts").toString().contains(teaSku));
        }
        Api.Response defined = api.putJson("/api/v1/segments/" + segment, Api.marketer(), """
                {"name":"Tea buyers %s","condition":{"field":"behaviour.preferredProducts","op":"eq","value":"%s"}}"""
                .formatted(run, teaSku));
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        for (String customer : customers) {
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/customers/" + customer + "/segments", Api.analyst()),
                    r -> r.status() == 200 && r.json().path("current").has(segment));
        }
        String offer = Offers.active(api, """
                {"name":"Five off %s","currency":"CNY","stock":10,"perCustomerLimit":1,"reward":{"kind":"voucher","amount":5},
                 "validFrom":"%s","validUntil":"%s"}""".formatted(run, Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS)));
        Api.Response issued = api.postJson("/api/v1/offers/" + offer + "/coupons", Api.marketer(),
                "{\"customerId\":\"" + customers[0] + "\",\"issuanceId\":\"" + campaign + ":" + customers[0] + "\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String coupon = issued.json().get("code").asText();

        sentFrom = Instant.now();
        send(0, new MessageSource(MessageSource.CAMPAIGN, campaign, 1, campaign, "a", "a"), offer, coupon);
        send(1, new MessageSource(MessageSource.CAMPAIGN, campaign, 1, campaign, "b", "b"), null, null);
        send(2, new MessageSource(MessageSource.CAMPAIGN, campaign, 1, campaign, "a", "a"), null, null);
        send(3, new MessageSource(MessageSource.JOURNEY, journey, 2, "run-" + run, "n1", null), null, null);
        // the inbox stores each message and records its delivery
        for (int i = 0; i < 4; i++) {
            String customer = customers[i];
            String messageId = messageId(i);
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered(customer, messageId));
        }
        receipt(0, ReceiptKind.OPENED);
        receipt(1, ReceiptKind.OPENED);
        receipt(0, ReceiptKind.CLICKED);
        Instant now = Instant.now();
        order(members.get(0), "after-0", now, cupSku, "120.00", "pos", store);
        Api.Response redeemed = api.postJson("/api/v1/coupons/" + coupon + "/redemptions", Api.ingest(),
                "{\"orderId\":\"after-0-" + run + "\",\"customerId\":\"" + customers[0] + "\",\"basketTotal\":120.00,\"currency\":\"CNY\"}");
        assertThat(redeemed.status()).as(redeemed.body()).isIn(200, 201);
        order(members.get(1), "after-1", now, teaSku, "80.50", "app", null);
        order(members.get(3), "after-3", now, teaSku, "30.00", "mini-program", null);
        sentUntil = Instant.now();
        return this;
    }

    String messageId(int i) {
        return "dash:" + run + ":" + i;
    }

    private boolean delivered(String customer, String messageId) {
        Api.Response history = api.get("/api/v1/customers/" + customer + "/events", Api.auditor());
        for (JsonNode e : history.json().get("events")) {
            if (e.get("type").asText().equals("MessageDeliveredEvent") && e.at("/payload/messageId").asText().equals(messageId)) {
                return true;
            }
        }
        return false;
    }

    private void send(int i, MessageSource source, String offer, String coupon) {
        MessageRequest request = new MessageRequest(new MessageId(messageId(i)), Channel.INBOX, "Tea time", "New teas are in",
                offer, coupon, source, 50);
        MessageOutcome outcome = commands.sendAndWait(new DeliverMessageCommand(new CustomerId(customers[i]), request));
        assertThat(outcome).isEqualTo(MessageOutcome.ACCEPTED);
    }

    private void receipt(int i, ReceiptKind kind) {
        commands.sendAndWait(new RecordMessageReceiptCommand(new CustomerId(customers[i]), new MessageId(messageId(i)), Channel.INBOX,
                kind, "app", Instant.now()));
    }

    private JsonNode order(String member, String orderId, Instant placedAt, String sku, String amount, String channel, String storeId) {
        Api.Response response = api.postJson("/api/v1/ingest/orders", Api.ingest(), """
                {"orderId":"%s-%s","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"CNY",
                 "lines":[{"sku":"%s","name":"Dashboard test product","quantity":1,"unitPrice":%s}],"channel":"%s"%s}
                """.formatted(orderId, run, member, placedAt, sku, amount, channel,
                storeId == null ? "" : ",\"storeId\":\"" + storeId + "\""));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json();
    }

    private void consent() {
        String at = Instant.now().minus(Duration.ofDays(1)).toString();
        String batch = members.stream().map(m -> """
                {"customer":{"type":"member","value":"%s"},"channel":"in-app","purpose":"marketing","granted":true,"at":"%s","source":"app-settings"}"""
                .formatted(m, at)).collect(Collectors.joining(",", "[", "]"));
        Api.Response response = api.postJson("/api/v1/consents", Api.ingest(), batch);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }
}
