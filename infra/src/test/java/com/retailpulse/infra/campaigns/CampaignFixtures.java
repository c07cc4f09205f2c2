package com.retailpulse.infra.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Customers, a segment of them and campaign plans for the campaign tests, made through the API as a user would. */
final class CampaignFixtures {

    private CampaignFixtures() {
    }

    /** A customer who bought {@code sku} two days ago; answers the customer id. */
    static String buyer(Api api, String member, String sku) {
        Api.Response response = api.postJson("/api/v1/ingest/orders", Api.ingest(), """
                {"orderId":"%s","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"CNY",
                 "lines":[{"sku":"%s","name":"Campaign test product","quantity":1,"unitPrice":10.00}],"channel":"pos","storeId":"store-1"}
                """.formatted("seed-" + member, member, Instant.now().minus(Duration.ofDays(2)), sku));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.json().get("customerId").asText();
    }

    /** Marketing consent for the in-app inbox, given yesterday, for every member. */
    static void inboxConsent(Api api, List<String> members) {
        String at = Instant.now().minus(Duration.ofDays(1)).toString();
        String batch = members.stream().map(m -> """
                {"customer":{"type":"member","value":"%s"},"channel":"in-app","purpose":"marketing","granted":true,"at":"%s","source":"app-settings"}"""
                .formatted(m, at)).collect(Collectors.joining(",", "[", "]"));
        Api.Response response = api.postJson("/api/v1/consents", Api.ingest(), batch);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    /** Defines a segment of the buyers of {@code sku} and waits until its {@code members} are in it. */
    static void segmentOfBuyers(Api api, String key, String sku, int members) {
        Api.Response defined = api.putJson("/api/v1/segments/" + key, Api.marketer(), """
                {"name":"Buyers of %s","condition":{"field":"behaviour.preferredProducts","op":"eq","value":"%s"}}"""
                .formatted(sku, sku));
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        String backfill = defined.json().at("/backfill/id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/tags/backfills/" + backfill, Api.marketer()).json(),
                b -> "COMPLETED".equals(b.get("status").asText()));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/segments/" + key + "/members", Api.analyst())
                .json().get("count").asLong(), n -> n == members);
    }

    static List<String> members(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    /**
     * A plan on the inbox: variants a and b of equal weight, a 25 % holdout, sending {@code perSecond}
     * customers a second from {@code sendAt}, within a 60-day period (so that a time-scaled period end
     * never falls in the test).
     */
    static String plan(String name, String segment, Instant sendAt, int perSecond) {
        return """
                {"name":"%s","goal":"conversion","startsAt":"%s","endsAt":"%s","budget":{"amount":1000.00,"currency":"CNY"},
                 "segments":["%s"],
                 "variants":[{"key":"a","weight":1,"channel":"inbox","title":"Spring","body":"Hello {{customer.id}}, spring is here"},
                             {"key":"b","weight":1,"channel":"inbox","body":"New season, new prices"}],
                 "holdoutShare":0.25,"sendAt":"%s","messagesPerSecond":%d,"priority":50}
                """.formatted(name, sendAt.minus(Duration.ofHours(1)), sendAt.plus(Duration.ofDays(60)), segment, sendAt, perSecond);
    }

    static JsonNode view(Api api, String id) {
        Api.Response response = api.get("/api/v1/campaigns/" + id, Api.analyst());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static List<String> errors(Api.Response response) {
        return java.util.stream.StreamSupport.stream(response.json().get("errors").spliterator(), false).map(JsonNode::asText).toList();
    }
}
