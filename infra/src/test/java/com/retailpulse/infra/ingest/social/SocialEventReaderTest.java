package com.retailpulse.infra.ingest.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.SocialAction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SocialEventReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static SocialEventReader.SocialEvent read(String text) {
        return SocialEventReader.read(json(text), text.length(), NOW);
    }

    private static InvalidSocialEventException refused(String text) {
        return catchThrowableOfType(InvalidSocialEventException.class, () -> read(text));
    }

    @Test
    void a_wechat_share_names_the_customer_by_unionid_and_openid_of_that_platform() {
        var event = read("""
                {"interactionId": "wx-1", "platform": "WeChat", "openId": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
                 "unionId": "o6_bmasdasdsad6_2sgVt7hMZOPfL", "action": "share", "target": "article:2026-double11",
                 "occurredAt": "2026-11-20T10:15:00+08:00"}""");

        assertThat(event.identifiers()).containsExactly(
                new CustomerIdentifier(IdentifierType.UNIONID, "wechat:o6_bmasdasdsad6_2sgVt7hMZOPfL"),
                new CustomerIdentifier(IdentifierType.OPENID, "wechat:oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
        assertThat(event.interaction().action()).isEqualTo(SocialAction.SHARE);
        assertThat(event.interaction().platform()).isEqualTo("wechat");
        assertThat(event.interaction().target()).isEqualTo("article:2026-double11");
        assertThat(event.interaction().occurredAt()).isEqualTo(Instant.parse("2026-11-20T02:15:00Z"));
    }

    @Test
    void actions_are_read_in_any_case_with_dashes_and_a_comments_text_is_dropped() {
        var join = read("""
                {"interactionId": "dy-1", "platform": "douyin", "openId": "_000QadFMhmW", "action": "live-room-join",
                 "target": "room:7301", "occurredAt": "2026-11-24T07:00:00Z"}""");
        assertThat(join.interaction().action()).isEqualTo(SocialAction.LIVE_ROOM_JOINED);
        assertThat(join.identifiers()).containsExactly(new CustomerIdentifier(IdentifierType.OPENID, "douyin:_000QadFMhmW"));

        var comment = read("""
                {"interactionId": "wb-1", "platform": "weibo", "openId": "5123456789", "action": "COMMENT",
                 "target": "post:4981", "text": "my number is 13800138000", "occurredAt": "2026-11-24T07:00:00Z"}""");
        assertThat(comment.interaction().action()).isEqualTo(SocialAction.COMMENT);
        assertThat(comment.interaction().toString()).doesNotContain("13800138000");
    }

    @Test
    void an_event_without_ids_with_an_unknown_action_and_a_future_time_names_each_field() {
        InvalidSocialEventException e = refused("""
                {"interactionId": "x-1", "platform": "wechat", "action": "poke", "occurredAt": "2026-11-26T08:00:00Z"}""");

        assertThat(e.interactionId()).isEqualTo("x-1");
        assertThat(e.problems()).extracting(InvalidSocialEventException.Problem::field)
                .containsExactly("openId", "action", "occurredAt");
        assertThat(e.getMessage()).contains("openId or unionId is required")
                .contains("unknown action 'poke'; known actions: follow, unfollow, share, comment, like, live-room-joined, live-room-interacted")
                .contains("more than a day in the future");
    }

    @Test
    void missing_wrongly_typed_and_oversized_fields_are_refused() {
        InvalidSocialEventException e = refused("""
                {"platform": "We Chat!", "unionId": 42, "action": "like", "occurredAt": "yesterday",
                 "target": "%s"}""".formatted("t".repeat(300)));
        assertThat(e.problems()).extracting(InvalidSocialEventException.Problem::toString).containsExactlyInAnyOrder(
                "interactionId: missing",
                "platform: must be a short lower-case name such as wechat, douyin or weibo",
                "unionId: must be a string",
                "target: at most 256 characters, got 300",
                "occurredAt: must be an ISO-8601 time with an offset, e.g. 2026-11-20T10:15:00+08:00, got 'yesterday'");

        String big = """
                {"interactionId": "big", "platform": "weibo", "openId": "1", "action": "comment",
                 "text": "%s", "occurredAt": "2026-11-24T07:00:00Z"}""".formatted("x".repeat(40_000));
        assertThat(refused(big).getMessage()).contains("at most 32768 bytes per event");
    }

    @Test
    void a_time_a_few_hours_ahead_is_taken_as_clock_skew() {
        var event = read("""
                {"interactionId": "k-1", "platform": "wechat", "unionId": "u", "action": "follow",
                 "occurredAt": "2026-11-24T20:00:00Z"}""");
        assertThat(event.interaction().occurredAt()).isEqualTo(Instant.parse("2026-11-24T20:00:00Z"));
    }
}
