package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Delivery was given up after its retries; {@code detail} is the reason (the message is dead-lettered with it). */
@Revision("1")
public record MessageFailedEvent(CustomerId customerId, MessageId messageId, Channel channel, String detail, Instant occurredAt)
        implements CustomerEvent {
}
