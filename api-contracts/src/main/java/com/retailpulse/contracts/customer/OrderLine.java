package com.retailpulse.contracts.customer;

import java.math.BigDecimal;

/** One line of an order as the source reported it. */
public record OrderLine(String sku, String name, int quantity, BigDecimal unitPrice) {

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
