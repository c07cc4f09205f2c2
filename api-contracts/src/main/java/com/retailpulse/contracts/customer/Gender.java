package com.retailpulse.contracts.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A member's gender as the CRM records it. */
public enum Gender {
    FEMALE("female"), MALE("male"), OTHER("other"), UNDISCLOSED("undisclosed");

    private final String code;

    Gender(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Gender ofCode(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown gender '" + code + "'; known: " + codes()));
    }

    public static Optional<Gender> fromCode(String code) {
        String wanted = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(g -> g.code.equals(wanted)).findFirst();
    }

    public static String codes() {
        return Arrays.stream(values()).map(Gender::code).collect(Collectors.joining(", "));
    }
}
