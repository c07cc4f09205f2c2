package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer took a product out of the cart. */
@Revision("1")
public record CartItemRemovedEvent(CustomerId customerId, String interactionId, Instant occurredAt, String channel, ProductRef product, int quantity) implements CustomerEvent, CustomerInteractionEvent {
}
