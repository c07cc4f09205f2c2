package com.retailpulse.contracts.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * One message to one customer, chosen by whoever asks for it so that asking again is the same message:
 * a journey uses its enrollment and node ({@code journey:<enrollment>:<node>}), a campaign its id and the
 * customer. A retried request with the same id is never sent twice.
 */
public record MessageId(String value) {

    public MessageId {
        Objects.requireNonNull(value, "message id");
        if (value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("message id must be 1 to 200 characters, got '" + value + "'");
        }
    }

    @JsonCreator
    public static MessageId of(String value) {
        return new MessageId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
