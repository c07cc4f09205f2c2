package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Records on the survivor that {@code absorbed} and its group ({@code members}) are now part of it. */
public record AbsorbCustomerCommand(@TargetAggregateIdentifier CustomerId customerId, CustomerId absorbed,
                                    List<MergedCustomer> members, String mergeId, String reason) {

    public AbsorbCustomerCommand {
        members = List.copyOf(members);
    }
}
