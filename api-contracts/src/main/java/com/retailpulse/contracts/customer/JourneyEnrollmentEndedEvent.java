package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.journey.JourneyKey;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer's run {@code enrollmentId} of a journey ended with {@code outcome}. */
@Revision("1")
public record JourneyEnrollmentEndedEvent(CustomerId customerId, JourneyKey journey, String enrollmentId, String outcome,
                                          Instant endedAt) implements CustomerEvent {
}
