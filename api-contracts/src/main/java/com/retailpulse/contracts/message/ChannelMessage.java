package com.retailpulse.contracts.message;

import java.time.Instant;
import java.util.Objects;

/**
 * A message ready for its channel, as it goes out on the channel's Kafka topic (keyed by
 * {@code customerId}): rendered {@code title} (may be null) and {@code body}, addressed to
 * {@code recipient} (the identifier value the channel needs, or the customer id for the inbox and the
 * webhook). Provider adapters deliver it once per {@code messageId}, however often it is redelivered.
 */
public record ChannelMessage(MessageId messageId, String customerId, Channel channel, String recipient, String title,
                             String body, String offerId, String couponCode, MessageSource source, Instant acceptedAt) {

    public ChannelMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(body, "body");
    }
}
