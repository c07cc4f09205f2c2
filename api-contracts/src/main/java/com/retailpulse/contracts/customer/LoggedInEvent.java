package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer signed in. */
@Revision("1")
public record LoggedInEvent(CustomerId customerId, String interactionId, Instant occurredAt, String channel) implements CustomerEvent, CustomerInteractionEvent {
}
