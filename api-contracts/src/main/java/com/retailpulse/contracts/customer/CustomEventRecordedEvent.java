package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/** An event no mapping knows, kept with its name and properties. */
@Revision("1")
public record CustomEventRecordedEvent(CustomerId customerId, String interactionId, Instant occurredAt, String channel, String name, Map<String, String> properties) implements CustomerEvent, CustomerInteractionEvent {
}
