package com.retailpulse.contracts.customer;

import java.time.Instant;
import java.util.Objects;

/**
 * The customer's tag profile as it stood at {@code asOf}: the customer's events stored up to then, applied
 * by the profile projection's logic with the clock at that moment; nothing when no event was stored by then.
 * Personal data masked unless {@code revealPersonalData}.
 */
public record FindCustomerProfileAsOfQuery(CustomerId customerId, Instant asOf, boolean revealPersonalData) {

    public FindCustomerProfileAsOfQuery {
        Objects.requireNonNull(customerId, "customer id");
        Objects.requireNonNull(asOf, "as of");
    }
}
