package com.retailpulse.contracts.customer;

import java.util.Objects;

/** One way a source knows a customer: a type and a value, e.g. member:12347. */
public record CustomerIdentifier(IdentifierType type, String value) {

    public CustomerIdentifier {
        Objects.requireNonNull(type, "identifier type");
        Objects.requireNonNull(value, "identifier value");
        value = value.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("identifier value must not be blank");
        }
    }

    /** Parses "type:value", e.g. "member:12347". */
    public static CustomerIdentifier parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("identifier must look like type:value (e.g. member:12347), got '" + text + "'");
        }
        String typeCode = text.substring(0, colon);
        IdentifierType type = IdentifierType.fromCode(typeCode).orElseThrow(() -> new IllegalArgumentException(
                "unknown identifier type '" + typeCode + "'; known types: " + IdentifierType.codes()));
        return new CustomerIdentifier(type, text.substring(colon + 1));
    }

    /** The canonical "type:value" form used as a key in read models. */
    public String key() {
        return type.code() + ":" + value;
    }
}
