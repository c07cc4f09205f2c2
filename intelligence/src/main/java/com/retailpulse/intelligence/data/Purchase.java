package com.retailpulse.intelligence.data;

import java.time.Instant;
import java.util.Objects;

/**
 * One purchased (or, with a negative quantity, returned) line of a customer's history: the unit every
 * model in this module learns from. The platform builds these from {@code OrderPlacedEvent} /
 * {@code OrderCancelledEvent}; the evaluation tests build them from the public datasets.
 *
 * @param customerId the customer (as the source names it)
 * @param orderId    the order / invoice the line belongs to: lines with one id form a basket
 * @param at         when it was bought
 * @param sku        the product
 * @param quantity   units; negative for a return
 * @param unitPrice  price of one unit, never negative
 */
public record Purchase(String customerId, String orderId, Instant at, String sku, int quantity, double unitPrice) {

    public Purchase {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(sku, "sku");
        if (unitPrice < 0) {
            throw new IllegalArgumentException("unitPrice must not be negative: " + unitPrice);
        }
    }

    /** What the line was worth: negative for a return. */
    public double amount() {
        return quantity * unitPrice;
    }

    public boolean isReturn() {
        return quantity < 0;
    }
}
