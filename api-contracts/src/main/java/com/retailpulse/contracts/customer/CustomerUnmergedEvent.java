package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The merge {@code mergeId} was undone: {@code restored} and its {@code members} are a customer of their own again. */
@Revision("1")
public record CustomerUnmergedEvent(CustomerId customerId, CustomerId restored, List<MergedCustomer> members,
                                    String mergeId, String reason, Instant unmergedAt) implements CustomerEvent {

    public CustomerUnmergedEvent {
        members = List.copyOf(members);
    }
}
