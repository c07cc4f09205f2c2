package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer followed, shared, commented or took part in a live room on a social platform. */
@Revision("1")
public record SocialInteractedEvent(CustomerId customerId, String interactionId, Instant occurredAt, String platform, SocialAction action, String target) implements CustomerEvent, CustomerInteractionEvent {
}
