package com.retailpulse.contracts.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import org.jmolecules.ddd.types.Identifier;

import java.util.Objects;

/** The registration of one identifier is addressed by its canonical "type:value" form. */
public record IdentifierKey(@JsonValue String value) implements Identifier {

    @JsonCreator
    public IdentifierKey {
        Objects.requireNonNull(value, "identifier key");
    }

    public static IdentifierKey of(CustomerIdentifier identifier) {
        return new IdentifierKey(identifier.key());
    }

    @Override
    public String toString() {
        return value;
    }
}
