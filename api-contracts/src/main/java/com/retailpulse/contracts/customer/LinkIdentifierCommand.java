package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Tells the customer an identifier it claimed is now its own; creates the customer on first sight.
 * Linking a known identifier again records nothing.
 */
public record LinkIdentifierCommand(@TargetAggregateIdentifier CustomerId customerId, CustomerIdentifier identifier) {
}
