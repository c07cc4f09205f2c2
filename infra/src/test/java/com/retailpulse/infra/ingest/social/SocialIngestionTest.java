package com.retailpulse.infra.ingest.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class SocialIngestionTest {

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private String customerOf(String identifier) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/customers?identifier=" + identifier, Api.analyst()), r -> r.status() == 200)
                .json().get("customerId").asText();
    }

    private JsonNode events(String customerId) {
        return api.get("/api/v1/customers/" + customerId + "/events", Api.auditor()).json().get("events");
    }

    @Test
    void valid_social_events_are_recorded_once_and_a_bad_one_is_named_by_index_and_field() {
        String run = Long.toString(System.nanoTime(), 36);
        String share = """
                {"interactionId": "wx-share-%1$s", "platform": "wechat", "openId": "oUpF8-%1$s", "unionId": "o6_bm-%1$s",
                 "action": "share", "target": "article:double11", "occurredAt": "2026-11-20T10:15:00+08:00"}""".formatted(run);
        String batch = """
                [%2$s,
                 {"interactionId": "wx-poke-%1$s", "platform": "wechat", "openId": "oUpF8-%1$s", "action": "poke",
                  "occurredAt": "2026-11-20T10:16:00+08:00"},
                 {"interactionId": "dy-live-%1$s", "platform": "douyin", "openId": "_000Qad-%1$s", "action": "live-room-joined",
                  "target": "room:7301", "occurredAt": "2026-11-20T20:00:00+08:00"},
                 {"interactionId": "wb-cmt-%1$s", "platform": "weibo", "openId": "51234-%1$s", "action": "comment",
                  "target": "post:4981", "text": "call me on 13800138000", "occurredAt": "2026-11-21T09:00:00Z"}]
                """.formatted(run, share);

        Api.Response bad = api.postJson("/api/v1/ingest/social", Api.ingest(), batch);
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        JsonNode problem = bad.json();
        assertThat(problem.get("detail").asText()).startsWith("1 of 4 events were not recorded (event 1 action: unknown action 'poke'");
        assertThat(problem.at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(problem.at("/errors/0/interactionId").asText()).isEqualTo("wx-poke-" + run);
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("action");
        assertThat(problem.get("events")).extracting(e -> e.get("index").asInt()).containsExactly(0, 2, 3);
        assertThat(problem.get("events")).allSatisfy(e -> assertThat(e.get("recorded").asBoolean()).isTrue());

        String fan = customerOf("unionid:wechat:o6_bm-" + run);
        JsonNode history = events(fan);
        // the union id creates the customer, the openid is linked to it
        assertThat(history).extracting(e -> e.get("type").asText())
                .containsExactly("CustomerCreatedEvent", "IdentifierLinkedEvent", "SocialInteractedEvent");
        assertThat(history.get(1).at("/payload/identifier/type").asText()).isEqualTo("OPENID");
        assertThat(customerOf("openid:wechat:oUpF8-" + run)).isEqualTo(fan);
        JsonNode shared = history.get(2);
        assertThat(shared.at("/payload/action").asText()).isEqualTo("SHARE");
        assertThat(shared.at("/payload/platform").asText()).isEqualTo("wechat");
        assertThat(shared.at("/payload/target").asText()).isEqualTo("article:double11");
        assertThat(shared.at("/payload/occurredAt").asText()).isEqualTo("2026-11-20T02:15:00Z");
        assertThat(shared.at("/metadata/source").asText()).isEqualTo("http:/api/v1/ingest/social");
        assertThat(shared.at("/metadata/issuedBy").asText()).isEqualTo("ingest-key");

        String viewer = customerOf("openid:douyin:_000Qad-" + run);
        assertThat(events(viewer).get(1).at("/payload/action").asText()).isEqualTo("LIVE_ROOM_JOINED");

        String commenter = customerOf("openid:weibo:51234-" + run);
        JsonNode comment = events(commenter).get(1);
        assertThat(comment.at("/payload/action").asText()).isEqualTo("COMMENT");
        assertThat(comment.toString()).doesNotContain("13800138000");

        Api.Response again = api.postJson("/api/v1/ingest/social", Api.ingest(), share);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().at("/events/0/recorded").asBoolean()).isFalse();
        assertThat(again.json().at("/events/0/customerId").asText()).isEqualTo(fan);
        assertThat(events(fan)).hasSize(3);
    }

    @Test
    void events_without_ids_from_the_future_or_oversized_are_refused_and_nothing_is_recorded() {
        String run = Long.toString(System.nanoTime(), 36);
        String future = Instant.now().plus(2, ChronoUnit.DAYS).toString();
        String batch = """
                [{"interactionId": "n-%1$s", "platform": "wechat", "action": "follow", "occurredAt": "2026-11-20T10:15:00Z"},
                 {"interactionId": "f-%1$s", "platform": "wechat", "openId": "of-%1$s", "action": "follow", "occurredAt": "%2$s"},
                 {"interactionId": "b-%1$s", "platform": "weibo", "openId": "ob-%1$s", "action": "comment",
                  "text": "%3$s", "occurredAt": "2026-11-20T10:15:00Z"}]
                """.formatted(run, future, "x".repeat(40_000));

        Api.Response bad = api.postJson("/api/v1/ingest/social", Api.ingest(), batch);
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        JsonNode errors = bad.json().get("errors");
        assertThat(errors).extracting(e -> e.get("index").asInt() + " " + e.get("field").asText())
                .containsExactly("0 openId", "1 occurredAt", "2 (event)");
        assertThat(errors.get(2).get("reason").asText()).contains("at most 32768 bytes per event");
        assertThat(bad.json().get("events")).isEmpty();
        assertThat(api.get("/api/v1/customers?identifier=openid:wechat:of-" + run, Api.analyst()).status()).isEqualTo(404);

        assertThat(api.postJson("/api/v1/ingest/social", Api.ingest(), "{\"interactionId\": ").status()).isEqualTo(400);
        assertThat(api.postJson("/api/v1/ingest/social", Api.marketer(), "[]").status()).isEqualTo(403);
    }
}
