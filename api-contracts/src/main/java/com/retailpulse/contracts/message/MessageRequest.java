package com.retailpulse.contracts.message;

import java.util.Objects;

/**
 * What a journey or campaign asks to send: the channel, the Mustache templates of the title (e-mail
 * subject, push title; may be null) and body (docs/templates.md), the offer it presents and the coupon
 * issued for it (both may be null), why it is sent, and its priority against other journeys and
 * campaigns (higher wins, see docs/messaging.md).
 */
public record MessageRequest(MessageId messageId, Channel channel, String title, String body, String offerId,
                             String couponCode, MessageSource source, int priority) {

    public MessageRequest {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(source, "source");
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("message body must not be blank");
        }
    }
}
