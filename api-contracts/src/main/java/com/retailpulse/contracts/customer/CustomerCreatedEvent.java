package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A customer was seen for the first time, through {@code identifier}. */
@Revision("1")
public record CustomerCreatedEvent(CustomerId customerId, CustomerIdentifier identifier, Instant firstSeenAt)
        implements CustomerEvent {
}
