package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.Reentry;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/**
 * Enrolls the customer in version {@code version} of a journey, as {@code enrollmentId} (derived from
 * the trigger, so a redelivered trigger enrolls once), when the re-entry policy allows. {@code trigger}
 * says what enrolled them, for the auditor. Answers true when enrolled.
 */
public record EnrollInJourneyCommand(@TargetAggregateIdentifier CustomerId customerId, JourneyKey journey, int version,
                                     String enrollmentId, Reentry reentry, String trigger, Instant at) {

    public EnrollInJourneyCommand {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(journey, "journey");
        Objects.requireNonNull(enrollmentId, "enrollmentId");
        Objects.requireNonNull(reentry, "reentry");
        Objects.requireNonNull(at, "at");
    }
}
