package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer opened the message (a provider receipt or the tracking pixel). */
@Revision("1")
public record MessageOpenedEvent(CustomerId customerId, MessageId messageId, Channel channel, String detail, Instant occurredAt)
        implements CustomerEvent {
}
