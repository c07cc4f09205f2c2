package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The customer looked at the cart. */
@Revision("1")
public record CartViewedEvent(CustomerId customerId, String interactionId, Instant occurredAt, String channel, List<ProductRef> products) implements CustomerEvent, CustomerInteractionEvent {
}
