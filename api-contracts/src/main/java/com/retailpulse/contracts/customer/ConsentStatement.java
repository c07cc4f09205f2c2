package com.retailpulse.contracts.customer;

import java.time.Instant;
import java.util.Objects;

/** A source's word that, as of {@code at}, the customer did ({@code granted}) or did not agree to a channel and purpose. */
public record ConsentStatement(ConsentChannel channel, ConsentPurpose purpose, boolean granted, Instant at) {

    public ConsentStatement {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(at, "at");
    }
}
