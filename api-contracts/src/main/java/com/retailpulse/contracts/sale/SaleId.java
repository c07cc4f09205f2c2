package com.retailpulse.contracts.sale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;

/** An anonymous sale: the source's receipt or invoice number, qualified by the source. */
public record SaleId(@JsonValue String value) implements Identifier {

    @JsonCreator
    public SaleId {
        Objects.requireNonNull(value, "sale id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("sale id must not be blank");
        }
    }

    public static SaleId of(String source, String orderId) {
        return new SaleId(source + ":" + orderId);
    }

    @Override
    public String toString() {
        return value;
    }
}
