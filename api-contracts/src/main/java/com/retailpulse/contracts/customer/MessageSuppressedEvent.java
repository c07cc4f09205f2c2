package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.contracts.message.SuppressionReason;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A guardrail stopped the message: {@code reason}, and in {@code detail} the words an auditor reads. */
@Revision("1")
public record MessageSuppressedEvent(CustomerId customerId, MessageId messageId, Channel channel, MessageSource source,
                                     SuppressionReason reason, String detail, Instant suppressedAt) implements CustomerEvent {
}
