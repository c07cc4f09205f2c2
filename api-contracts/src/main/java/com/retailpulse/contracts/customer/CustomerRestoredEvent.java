package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** This customer, merged into {@code formerSurvivor} by {@code mergeId}, is a customer of its own again. */
@Revision("1")
public record CustomerRestoredEvent(CustomerId customerId, CustomerId formerSurvivor, String mergeId, String reason,
                                    Instant restoredAt) implements CustomerEvent {
}
