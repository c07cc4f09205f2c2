package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer opened a page (web) or screen (app, mini-program). */
@Revision("1")
public record PageViewedEvent(CustomerId customerId, String interactionId, Instant occurredAt, String channel, String kind, String name, String category, String path) implements CustomerEvent, CustomerInteractionEvent {
}
