package com.retailpulse.infra.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The webhook channel: the message as JSON (the {@link ChannelMessage} as it is on the topic, links
 * tracked) POSTed to {@code retailpulse.channels.webhook.url}, signed in {@value #SIGNATURE_HEADER}
 * ({@code sha256=} and the hex HMAC-SHA256 of the exact body bytes with the webhook secret) and carrying
 * the message id as {@value #IDEMPOTENCY_HEADER}. A 2xx answer is delivered.
 */
final class WebhookProvider implements ChannelProvider, BuiltInProvider {

    static final String SIGNATURE_HEADER = "X-RetailPulse-Signature";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final HttpPost post;
    private final byte[] secret;
    private final ObjectMapper mapper;

    WebhookProvider(ChannelSettings.Webhook settings, ObjectMapper mapper) {
        this.post = new HttpPost(settings.url(), settings.timeout(), "webhook");
        this.secret = settings.secret().getBytes(StandardCharsets.UTF_8);
        this.mapper = mapper;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public String deliver(ChannelMessage message) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw ProviderException.permanent("cannot write the webhook payload: " + e.getMessage(), e);
        }
        post.send(body, Map.of(SIGNATURE_HEADER, "sha256=" + sign(secret, body), IDEMPOTENCY_HEADER, message.messageId().value()));
        return null;
    }

    /** The hex HMAC-SHA256 of {@code body}: what a receiver computes to check {@value #SIGNATURE_HEADER}. */
    static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "webhook at " + post.uri();
    }
}
