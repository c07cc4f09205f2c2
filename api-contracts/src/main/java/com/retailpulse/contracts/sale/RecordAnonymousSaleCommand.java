package com.retailpulse.contracts.sale;

import com.retailpulse.contracts.customer.OrderLine;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Records a sale (or, when {@code cancellation}, a return) nobody could be identified for.
 * The same sale again records nothing.
 */
public record RecordAnonymousSaleCommand(
        @TargetAggregateIdentifier SaleId saleId,
        String orderId,
        Instant at,
        String currency,
        List<OrderLine> lines,
        boolean cancellation,
        String channel,
        String storeId) {

    public RecordAnonymousSaleCommand {
        lines = List.copyOf(lines);
    }
}
