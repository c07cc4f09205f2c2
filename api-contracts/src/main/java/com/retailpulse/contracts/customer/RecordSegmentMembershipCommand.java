package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/**
 * Records that the customer is ({@code member}) or is no longer in {@code segment}, as evaluated with
 * definition {@code version} at {@code at}. Recorded only when it changes the customer's membership,
 * so the profile projection may send it again until it sees the event. Answers true when recorded.
 */
public record RecordSegmentMembershipCommand(@TargetAggregateIdentifier CustomerId customerId, String segment, int version,
                                             boolean member, Instant at) {

    public RecordSegmentMembershipCommand {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(at, "at");
    }
}
