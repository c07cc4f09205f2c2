package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.message.MessageRequest;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The message passed the customer's guardrails at {@code acceptedAt} and goes out on its channel,
 * addressed to {@code recipient} (null when the customer id is the address: inbox, webhook).
 */
@Revision("1")
public record MessageAcceptedEvent(CustomerId customerId, MessageRequest request, CustomerIdentifier recipient, Instant acceptedAt)
        implements CustomerEvent {
}
