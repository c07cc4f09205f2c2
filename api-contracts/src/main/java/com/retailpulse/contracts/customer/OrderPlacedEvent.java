package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The customer placed an order; {@code total} is the sum of its lines in {@code currency}. */
@Revision("1")
public record OrderPlacedEvent(
        CustomerId customerId,
        String orderId,
        Instant placedAt,
        String currency,
        List<OrderLine> lines,
        BigDecimal total,
        String channel,
        String storeId) implements CustomerEvent {

    public OrderPlacedEvent {
        lines = List.copyOf(lines);
    }
}
