package com.retailpulse.contracts.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.IdentifierType;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The eight ways a message reaches a customer. Each names the consent it needs (marketing consent on
 * {@link #consent()}; the webhook, which hands the message to the brand's own system, needs marketing
 * consent on at least one channel) and the identifier it is addressed to ({@link #address()}; null when
 * the customer id itself is the address).
 */
public enum Channel {
    SMS("sms", ConsentChannel.SMS, IdentifierType.PHONE),
    APP_PUSH("app-push", ConsentChannel.APP_PUSH, IdentifierType.DEVICE),
    MINI_PROGRAM("mini-program", ConsentChannel.WECHAT, IdentifierType.OPENID),
    WECHAT_OA("wechat-oa", ConsentChannel.WECHAT, IdentifierType.OPENID),
    EMAIL("email", ConsentChannel.EMAIL, IdentifierType.EMAIL),
    GUIDE_SCREEN("guide-screen", ConsentChannel.IN_STORE, IdentifierType.MEMBER),
    INBOX("inbox", ConsentChannel.IN_APP, null),
    WEBHOOK("webhook", null, null);

    private final String code;
    private final ConsentChannel consent;
    private final IdentifierType address;

    Channel(String code, ConsentChannel consent, IdentifierType address) {
        this.code = code;
        this.consent = consent;
        this.address = address;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The consent channel whose marketing consent this channel needs; null for the webhook (any channel). */
    public ConsentChannel consent() {
        return consent;
    }

    /** The identifier type the message is addressed to; null when the customer id is the address. */
    public IdentifierType address() {
        return address;
    }

    /** The Kafka topic this channel's messages go out on. */
    public String topic(String prefix) {
        return prefix + code;
    }

    @JsonCreator
    public static Channel ofCode(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown channel '" + code + "'; known: " + codes()));
    }

    public static Optional<Channel> fromCode(String code) {
        String wanted = code == null ? "" : code.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(c -> c.code.equals(wanted)).findFirst();
    }

    public static String codes() {
        return Arrays.stream(values()).map(Channel::code).collect(Collectors.joining(", "));
    }
}
