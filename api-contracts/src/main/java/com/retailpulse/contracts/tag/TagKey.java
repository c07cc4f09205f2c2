package com.retailpulse.contracts.tag;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jmolecules.ddd.types.Identifier;

import java.util.regex.Pattern;

/** A scenario tag's key, e.g. {@code summer_cooling}: it becomes the profile field {@code tags.scenario.<key>}. */
public record TagKey(@JsonValue String value) implements Identifier {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{1,62}");

    @JsonCreator
    public TagKey {
        if (value == null || !KEY.matcher(value).matches()) {
            throw new IllegalArgumentException("tag key must be 2–63 characters of a–z, 0–9 and _, starting with a letter; got '"
                    + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
