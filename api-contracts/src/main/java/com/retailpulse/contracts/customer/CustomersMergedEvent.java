package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Two customers turned out to be one: {@code absorbed} and the records merged into it before
 * ({@code members}, with their identifiers) are now part of this customer, the survivor.
 */
@Revision("1")
public record CustomersMergedEvent(CustomerId customerId, CustomerId absorbed, List<MergedCustomer> members,
                                   String mergeId, String reason, Instant mergedAt) implements CustomerEvent {

    public CustomersMergedEvent {
        members = List.copyOf(members);
    }
}
