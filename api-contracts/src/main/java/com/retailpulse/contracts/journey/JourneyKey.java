package com.retailpulse.contracts.journey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** A journey's key, e.g. {@code login-recommendation}. */
public record JourneyKey(@JsonValue String value) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    @JsonCreator
    public JourneyKey {
        if (value == null || !KEY.matcher(value).matches()) {
            throw new IllegalArgumentException("journey key must be 2–63 characters of a–z, 0–9 and -, starting with a letter; got '"
                    + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
