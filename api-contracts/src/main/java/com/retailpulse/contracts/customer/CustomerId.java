package com.retailpulse.contracts.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jmolecules.ddd.types.Identifier;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** The customer aggregate's identity; serialized as a plain string. */
public record CustomerId(@JsonValue String value) implements Identifier {

    @JsonCreator
    public CustomerId {
        Objects.requireNonNull(value, "customer id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("customer id must not be blank");
        }
    }

    /**
     * The id a customer gets when first seen through this identifier. Name-based, so two sources
     * that see the same new identifier at the same moment address the same aggregate instead of
     * creating two customers.
     */
    public static CustomerId firstSeenAs(CustomerIdentifier identifier) {
        return new CustomerId(UUID.nameUUIDFromBytes(identifier.key().getBytes(StandardCharsets.UTF_8)).toString());
    }

    /**
     * The id of the customer first seen through this identifier after it was given up {@code releases} times
     * (the owners' personal data erased): never the id of an erased customer, and the same on every node.
     */
    public static CustomerId firstSeenAs(CustomerIdentifier identifier, int releases) {
        if (releases == 0) {
            return firstSeenAs(identifier);
        }
        return new CustomerId(UUID.nameUUIDFromBytes((identifier.key() + "#" + releases).getBytes(StandardCharsets.UTF_8)).toString());
    }

    /** Axon routes commands by the identifier's string form. */
    @Override
    public String toString() {
        return value;
    }
}
