package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer was tagged {@code tag} by {@code source} (e.g. journey:cart-recovery). */
@Revision("1")
public record CustomerTaggedEvent(CustomerId customerId, String tag, String source, Instant taggedAt) implements CustomerEvent {
}
