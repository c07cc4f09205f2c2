package com.retailpulse.contracts.journey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops new enrollments; customers in flight go on. */
public record PauseJourneyCommand(@TargetAggregateIdentifier JourneyKey journey) {
}
