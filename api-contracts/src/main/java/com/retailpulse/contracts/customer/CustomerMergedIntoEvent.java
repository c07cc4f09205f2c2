package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * This customer record now belongs to {@code survivor}: its events stay here, the survivor's profile
 * covers them. {@code previous} is the unified customer it belonged to before (null if itself).
 */
@Revision("1")
public record CustomerMergedIntoEvent(CustomerId customerId, CustomerId survivor, CustomerId previous, String mergeId,
                                      String reason, Instant mergedAt) implements CustomerEvent {
}
