package com.retailpulse.contracts.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the customer's data or attention may be used for. */
public enum ConsentPurpose {
    MARKETING("marketing"), ANALYTICS("analytics"), PERSONALIZATION("personalization"), PROFILING("profiling");

    private final String code;

    ConsentPurpose(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static ConsentPurpose ofCode(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown consent purpose '" + code + "'; known: " + codes()));
    }

    public static Optional<ConsentPurpose> fromCode(String code) {
        String wanted = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.code.equals(wanted)).findFirst();
    }

    public static String codes() {
        return Arrays.stream(values()).map(ConsentPurpose::code).collect(Collectors.joining(", "));
    }
}
