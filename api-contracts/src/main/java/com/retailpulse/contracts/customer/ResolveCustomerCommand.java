package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks a customer record which unified customer it belongs to now (itself, or the survivor it was
 * merged into), read from the record itself rather than a read model that may lag. Records nothing.
 */
public record ResolveCustomerCommand(@TargetAggregateIdentifier CustomerId customerId) {
}
