package com.retailpulse.contracts.tag;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops evaluating a scenario tag; its history stays. */
public record RetireTagCommand(@TargetAggregateIdentifier TagKey key, String reason) {
}
