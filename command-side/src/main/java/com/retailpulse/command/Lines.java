package com.retailpulse.command;

import com.retailpulse.contracts.customer.OrderLine;

import java.math.BigDecimal;
import java.util.List;

/** Money arithmetic over order lines, shared by every aggregate that records orders. */
public final class Lines {
    private Lines() {
    }

    /** The sum of quantity × unit price over the lines. */
    public static BigDecimal total(List<OrderLine> lines) {
        return lines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
