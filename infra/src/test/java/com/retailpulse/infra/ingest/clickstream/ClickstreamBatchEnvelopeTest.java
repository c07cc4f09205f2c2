package com.retailpulse.infra.ingest.clickstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClickstreamBatchEnvelopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> messagesOf(String envelope) throws Exception {
        return ClickstreamIngestion.messagesOf(JSON.readTree(envelope));
    }

    @Test
    void the_batch_context_is_merged_into_each_message_whose_own_fields_win() throws Exception {
        List<JsonNode> messages = messagesOf("""
                {"batch":[
                  {"type":"page","messageId":"1","anonymousId":"a"},
                  {"type":"page","messageId":"2","anonymousId":"a","context":{"app":{"name":"own"},"locale":"en-GB"}},
                  "not a message"
                 ],
                 "context":{"app":{"name":"batch"},"library":{"name":"analytics-python"},"traits":{"openId":"o-1"}},
                 "sentAt":"2026-11-20T10:00:00Z"}""");

        assertThat(messages.get(0).get("context")).isEqualTo(JSON.readTree("""
                {"app":{"name":"batch"},"library":{"name":"analytics-python"},"traits":{"openId":"o-1"}}"""));
        assertThat(messages.get(1).get("context")).isEqualTo(JSON.readTree("""
                {"app":{"name":"own"},"library":{"name":"analytics-python"},"traits":{"openId":"o-1"},"locale":"en-GB"}"""));
        assertThat(messages.get(0).get("sentAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(messages.get(2).asText()).isEqualTo("not a message");
    }

    @Test
    void a_messages_own_sent_at_wins_and_a_batch_without_context_leaves_messages_as_sent() throws Exception {
        List<JsonNode> messages = messagesOf("""
                {"batch":[{"type":"page","messageId":"1","anonymousId":"a","sentAt":"2026-11-20T09:00:00Z"},
                          {"type":"page","messageId":"2","anonymousId":"a"}]}""");
        assertThat(messages.get(0).get("sentAt").asText()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(messages.get(0).has("context")).isFalse();
        assertThat(messages.get(1).has("sentAt")).isFalse();
    }
}
