package com.retailpulse.contracts.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a channel reported about a message: handed over, opened, a link clicked, or given up on. */
public enum ReceiptKind {
    DELIVERED("delivered"), OPENED("opened"), CLICKED("clicked"), FAILED("failed");

    private final String code;

    ReceiptKind(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static ReceiptKind ofCode(String code) {
        String wanted = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.code.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown receipt kind '" + code + "'; known: "
                        + Arrays.stream(values()).map(ReceiptKind::code).collect(Collectors.joining(", "))));
    }
}
