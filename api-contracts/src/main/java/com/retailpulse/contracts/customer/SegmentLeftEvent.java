package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The customer left {@code segment} at {@code leftAt}, where they had been since {@code enteredAt}:
 * definition {@code version} no longer matched (or the segment was retired, or the customer merged
 * into another).
 */
@Revision("1")
public record SegmentLeftEvent(CustomerId customerId, String segment, int version, Instant enteredAt, Instant leftAt)
        implements CustomerEvent {
}
