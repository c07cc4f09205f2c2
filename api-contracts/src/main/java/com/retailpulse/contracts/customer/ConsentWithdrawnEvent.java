package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer refused, or took back, being reached on {@code channel} for {@code purpose}. */
@Revision("1")
public record ConsentWithdrawnEvent(CustomerId customerId, ConsentChannel channel, ConsentPurpose purpose, Instant at, String source)
        implements CustomerEvent, ConsentEvent {
}
