package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The customer cancelled or returned goods: {@code lines} are the units taken back (positive
 * quantities) and {@code refund} is what they were worth, in {@code currency}.
 */
@Revision("1")
public record OrderCancelledEvent(
        CustomerId customerId,
        String cancellationId,
        Instant cancelledAt,
        String currency,
        List<OrderLine> lines,
        BigDecimal refund,
        String channel,
        String storeId) implements CustomerEvent {

    public OrderCancelledEvent {
        lines = List.copyOf(lines);
    }
}
