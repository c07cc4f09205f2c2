package com.retailpulse.contracts.common;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/** An amount in one ISO-4217 currency. Amounts keep their scale; arithmetic stays in BigDecimal. */
public record Money(BigDecimal amount, String currency) {
    private static final Pattern ISO_4217 = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (!ISO_4217.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be a 3-letter ISO-4217 code, got '" + currency + "'");
        }
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    public static boolean isCurrencyCode(String value) {
        return value != null && ISO_4217.matcher(value).matches();
    }
}
