package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Records a cancellation or return the source reported (e.g. a POS credit note "C536379"), with the
 * lines taken back as positive quantities. Creates the customer on first sight; the same
 * cancellationId again records nothing.
 */
public record RecordOrderCancellationCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        CustomerIdentifier identifier,
        String cancellationId,
        Instant cancelledAt,
        String currency,
        List<OrderLine> lines,
        String channel,
        String storeId) {

    public RecordOrderCancellationCommand {
        lines = List.copyOf(lines);
    }
}
