package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a customer merged into {@code formerSurvivor} a customer of its own again (after an unmerge). */
public record RestoreCustomerCommand(@TargetAggregateIdentifier CustomerId customerId, CustomerId formerSurvivor,
                                     String mergeId, String reason) {
}
