package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Records a consent statement for the customer known by {@code identifier}; creates the customer on
 * first sight. Recorded only when it changes the state for its channel and purpose, and ignored
 * when it is older than the latest statement recorded for them (sources deliver late).
 * Answers true when an event was recorded.
 */
public record RecordConsentCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        CustomerIdentifier identifier,
        ConsentStatement statement,
        String source) {

    public RecordConsentCommand {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(source, "source");
    }
}
