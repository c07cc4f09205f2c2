package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer followed a tracked link of the message; {@code detail} is the link's target. */
@Revision("1")
public record MessageClickedEvent(CustomerId customerId, MessageId messageId, Channel channel, String detail, Instant occurredAt)
        implements CustomerEvent {
}
