package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.ReceiptKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/**
 * A channel's receipt for a message the customer was sent. Recorded once per message, kind and detail
 * (a click per link), so providers may report again; a receipt for a message the customer was never
 * sent is refused. Answers true when recorded.
 */
public record RecordMessageReceiptCommand(@TargetAggregateIdentifier CustomerId customerId, MessageId messageId, Channel channel,
                                          ReceiptKind kind, String detail, Instant occurredAt) {

    public RecordMessageReceiptCommand {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
