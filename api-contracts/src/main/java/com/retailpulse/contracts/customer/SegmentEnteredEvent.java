package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer entered {@code segment}: definition {@code version} matched their profile at {@code enteredAt}. */
@Revision("1")
public record SegmentEnteredEvent(CustomerId customerId, String segment, int version, Instant enteredAt)
        implements CustomerEvent {
}
