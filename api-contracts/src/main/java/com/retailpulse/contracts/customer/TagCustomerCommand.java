package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/** Tags the customer with {@code tag} (a journey's set-tag step); a tag the customer has is not recorded again. Answers true when recorded. */
public record TagCustomerCommand(@TargetAggregateIdentifier CustomerId customerId, String tag, String source, Instant at) {

    public TagCustomerCommand {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(at, "at");
    }
}
