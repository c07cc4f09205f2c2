package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer is also known by {@code identifier} (claimed for it in the identifier registry). */
@Revision("1")
public record IdentifierLinkedEvent(CustomerId customerId, CustomerIdentifier identifier, Instant linkedAt)
        implements CustomerEvent {
}
