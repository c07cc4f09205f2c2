package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer put a product in the cart. */
@Revision("1")
public record CartItemAddedEvent(CustomerId customerId, String interactionId, Instant occurredAt, String channel, ProductRef product, int quantity) implements CustomerEvent, CustomerInteractionEvent {
}
