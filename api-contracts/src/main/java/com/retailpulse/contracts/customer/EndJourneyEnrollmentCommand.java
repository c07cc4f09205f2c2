package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.journey.JourneyKey;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/** The customer's run of a journey ended, with {@code outcome} (goal, completed, retired, ...). Answers true when recorded. */
public record EndJourneyEnrollmentCommand(@TargetAggregateIdentifier CustomerId customerId, JourneyKey journey, String enrollmentId,
                                          String outcome, Instant at) {

    public EndJourneyEnrollmentCommand {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(journey, "journey");
        Objects.requireNonNull(enrollmentId, "enrollmentId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }
}
