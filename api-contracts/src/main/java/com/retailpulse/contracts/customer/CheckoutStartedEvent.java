package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The customer started to check out (the order itself is an {@link OrderPlacedEvent}). */
@Revision("1")
public record CheckoutStartedEvent(CustomerId customerId, String interactionId, Instant occurredAt, String channel, String orderId, BigDecimal value, String currency, List<ProductRef> products) implements CustomerEvent, CustomerInteractionEvent {
}
