package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Makes this customer record part of {@code survivor}. Sent to a unified customer (then
 * {@code currentCustomer} is null) or to a record of its group ({@code currentCustomer} = the group's
 * customer, which is being merged or restored). Answers with the records that move: this one and,
 * for a unified customer, those merged into it before. Sent again with the same survivor, it records
 * nothing and answers the same.
 */
public record MergeCustomerCommand(@TargetAggregateIdentifier CustomerId customerId, CustomerId survivor,
                                   CustomerId currentCustomer, String mergeId, String reason) {
}
