package com.retailpulse.contracts.offer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jmolecules.ddd.types.Identifier;

import java.util.random.RandomGenerator;

/**
 * An offer's identity: 8 characters of Crockford base 32 (40 bits), e.g. {@code 7KQ2M9TX}. Short because
 * every coupon code starts with it — a code names its offer, so a redemption needs no lookup to find the
 * aggregate that decides it.
 */
public record OfferId(@JsonValue String value) implements Identifier {

    public static final int LENGTH = 8;

    @JsonCreator
    public OfferId {
        if (value == null || value.length() != LENGTH || !Base32.valid(value)) {
            throw new IllegalArgumentException("offer id must be " + LENGTH + " characters of 0-9 and A-Z without I, L, O, U; got '"
                    + value + "'");
        }
    }

    /** Reads what a person typed: case and the look-alike letters do not matter. */
    public static OfferId parse(String text) {
        return new OfferId(text == null ? null : Base32.normalize(text));
    }

    public static OfferId random(RandomGenerator random) {
        return new OfferId(Base32.random(random, LENGTH));
    }

    @Override
    public String toString() {
        return value;
    }
}
