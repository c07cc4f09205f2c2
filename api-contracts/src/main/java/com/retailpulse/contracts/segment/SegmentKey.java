package com.retailpulse.contracts.segment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jmolecules.ddd.types.Identifier;

import java.util.regex.Pattern;

/** A segment's key, e.g. {@code high_value_repeat}: profiles list the keys of the segments they are in. */
public record SegmentKey(@JsonValue String value) implements Identifier {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{1,62}");

    @JsonCreator
    public SegmentKey {
        if (value == null || !KEY.matcher(value).matches()) {
            throw new IllegalArgumentException("segment key must be 2–63 characters of a–z, 0–9 and _, starting with a letter; got '"
                    + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
