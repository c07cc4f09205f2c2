package com.retailpulse.contracts.identity;

import com.retailpulse.contracts.customer.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Frees an identifier its {@code owner} gave up (the owner's personal data was erased): the registry forgets
 * the owner, and the next claim of the identifier makes a new customer. Refused for any other owner.
 */
public record ReleaseIdentifierCommand(@TargetAggregateIdentifier IdentifierKey key, CustomerId owner, String reason) {
}
