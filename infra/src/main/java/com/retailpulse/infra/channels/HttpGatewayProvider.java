package com.retailpulse.infra.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SMS, app push, mini-program subscription messages and WeChat official-account messages through the
 * brand's HTTP gateway for that channel ({@code retailpulse.channels.<channel>.url}): a JSON POST of
 * recipient, title, body and message id, with the message id as the {@code Idempotency-Key} and an optional
 * bearer token. A 2xx answer is delivered, with the gateway's id from the answer when it gives one.
 */
final class HttpGatewayProvider implements ChannelProvider, BuiltInProvider {

    /** Where gateways commonly put their id for the message. */
    private static final List<String> ID_FIELDS = List.of("id", "messageId", "message_id", "msgid", "msgId");

    private final Channel channel;
    private final HttpPost post;
    private final String token;
    private final ObjectMapper mapper;

    HttpGatewayProvider(Channel channel, ChannelSettings.Gateway settings, ObjectMapper mapper) {
        this.channel = channel;
        this.post = new HttpPost(settings.url(), settings.timeout(), channel.code() + " gateway");
        this.token = ChannelSettings.blank(settings.token()) ? null : settings.token().strip();
        this.mapper = mapper;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public String deliver(ChannelMessage message) {
        ObjectNode payload = mapper.createObjectNode()
                .put("messageId", message.messageId().value())
                .put("channel", channel.code())
                .put("recipient", message.recipient())
                .put("title", message.title())
                .put("body", message.body());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", message.messageId().value());
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(payload);
        } catch (Exception e) {
            throw ProviderException.permanent("cannot write the " + channel.code() + " payload: " + e.getMessage(), e);
        }
        return idIn(post.send(json, headers));
    }

    private String idIn(String answer) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        try {
            JsonNode json = mapper.readTree(answer);
            for (String field : ID_FIELDS) {
                JsonNode id = json == null ? null : json.get(field);
                if (id != null && (id.isTextual() || id.isNumber()) && !id.asText().isBlank()) {
                    return id.asText();
                }
            }
        } catch (Exception notJson) {
            // accepted all the same: a 2xx is the gateway's word that it took the message
        }
        return null;
    }

    @Override
    public String toString() {
        return channel.code() + " gateway at " + post.uri();
    }
}
