package com.retailpulse.contracts.customer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of identifiers sources know a customer by, in the order identity resolution trusts them. */
public enum IdentifierType {
    MEMBER("member"),
    PHONE("phone"),
    UNIONID("unionid"),
    OPENID("openid"),
    EMAIL("email"),
    DEVICE("device"),
    BUYER("buyer");

    private final String code;

    IdentifierType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<IdentifierType> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.code.equals(wanted)).findFirst();
    }

    public static String codes() {
        return Arrays.stream(values()).map(IdentifierType::code).collect(Collectors.joining(", "));
    }
}
