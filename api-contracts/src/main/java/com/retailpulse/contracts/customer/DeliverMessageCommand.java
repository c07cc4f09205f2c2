package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.message.MessageRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Asks to send {@code request} to the customer. The customer's guardrails decide (consent, address,
 * frequency caps, quiet hours, priority; docs/messaging.md) and answer with a
 * {@link com.retailpulse.contracts.message.MessageOutcome}; a message id decided before answers DUPLICATE.
 */
public record DeliverMessageCommand(@TargetAggregateIdentifier CustomerId customerId, MessageRequest request) {

    public DeliverMessageCommand {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(request, "request");
    }
}
