package com.retailpulse.contracts.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A way of reaching a customer that consent is given or withdrawn for. */
public enum ConsentChannel {
    SMS("sms"), EMAIL("email"), WECHAT("wechat"), APP_PUSH("app-push"), PHONE_CALL("phone-call"), POST("post"),
    /** The app's own inbox. */
    IN_APP("in-app"),
    /** In-store screens a shop guide uses to serve the member. */
    IN_STORE("in-store");

    private final String code;

    ConsentChannel(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static ConsentChannel ofCode(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown consent channel '" + code + "'; known: " + codes()));
    }

    /** Also accepts underscores for hyphens ({@code app_push}), as CSV column names write them. */
    public static Optional<ConsentChannel> fromCode(String code) {
        String wanted = code == null ? "" : code.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(c -> c.code.equals(wanted)).findFirst();
    }

    public static String codes() {
        return Arrays.stream(values()).map(ConsentChannel::code).collect(Collectors.joining(", "));
    }
}
