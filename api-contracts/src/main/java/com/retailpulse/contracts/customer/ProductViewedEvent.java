package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer looked at a product. */
@Revision("1")
public record ProductViewedEvent(CustomerId customerId, String interactionId, Instant occurredAt, String channel, ProductRef product) implements CustomerEvent, CustomerInteractionEvent {
}
