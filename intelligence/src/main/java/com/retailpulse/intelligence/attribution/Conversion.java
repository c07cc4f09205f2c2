package com.retailpulse.intelligence.attribution;

import java.time.Instant;
import java.util.Objects;

/** A conversion of one customer (an order: {@code id}) at {@code at}, worth {@code value}. */
public record Conversion(String id, Instant at, double value) {

    public Conversion {
        Objects.requireNonNull(id, "conversion id");
        Objects.requireNonNull(at, "conversion time");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("conversion " + id + ": value must be a finite number, got " + value);
        }
    }
}
