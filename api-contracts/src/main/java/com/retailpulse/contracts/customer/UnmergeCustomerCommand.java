package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Undoes the merge that made {@code absorbed} part of this customer; answers with the records that leave. */
public record UnmergeCustomerCommand(@TargetAggregateIdentifier CustomerId customerId, CustomerId absorbed,
                                     String reason) {
}
