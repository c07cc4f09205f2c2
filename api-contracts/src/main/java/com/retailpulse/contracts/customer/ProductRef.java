package com.retailpulse.contracts.customer;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product as a source named it in an interaction. Only {@code sku} is required; category and
 * brand feed preference tags when the source (or the product catalogue) knows them.
 */
public record ProductRef(String sku, String name, String category, String brand, BigDecimal price) {

    public ProductRef {
        Objects.requireNonNull(sku, "sku");
        if (sku.isBlank()) {
            throw new IllegalArgumentException("product sku must not be blank");
        }
    }

    public static ProductRef sku(String sku) {
        return new ProductRef(sku, null, null, null, null);
    }
}
