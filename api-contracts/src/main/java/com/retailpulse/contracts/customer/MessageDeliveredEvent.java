package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The channel's provider accepted the message for the customer. */
@Revision("1")
public record MessageDeliveredEvent(CustomerId customerId, MessageId messageId, Channel channel, String detail, Instant occurredAt)
        implements CustomerEvent {
}
