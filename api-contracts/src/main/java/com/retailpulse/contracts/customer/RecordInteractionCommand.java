package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Records what the customer known by {@code identifier} did; creates the customer on first sight.
 * The same interactionId again records nothing (the customer remembers its most recent ones).
 */
public record RecordInteractionCommand(
        @TargetAggregateIdentifier CustomerId customerId,
        CustomerIdentifier identifier,
        CustomerInteraction interaction) {

    public RecordInteractionCommand {
        Objects.requireNonNull(interaction, "interaction");
    }
}
