package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Records an order a source reported for the customer known by {@code identifier}; creates the
 * customer on first sight. Sending the same orderId again records nothing.
 */
public record RecordOrderCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        CustomerIdentifier identifier,
        String orderId,
        Instant placedAt,
        String currency,
        List<OrderLine> lines,
        String channel,
        String storeId) {

    public RecordOrderCommand {
        lines = List.copyOf(lines);
    }
}
