package com.retailpulse.contracts.journey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends the journey for good: no new enrollments, and customers in flight leave at once. */
public record RetireJourneyCommand(@TargetAggregateIdentifier JourneyKey journey) {
}
