package com.retailpulse.contracts.journey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes new enrollments again after a pause. */
public record ResumeJourneyCommand(@TargetAggregateIdentifier JourneyKey journey) {
}
