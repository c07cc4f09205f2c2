package com.retailpulse.intelligence.churn;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Instant;

/** Hand-built purchase lines for the churn tests. */
final class Histories {
    private Histories() {
    }

    static Purchase line(String orderId, String at, String sku, int quantity, double unitPrice) {
        return new Purchase("c1", orderId, Instant.parse(at), sku, quantity, unitPrice);
    }
}
