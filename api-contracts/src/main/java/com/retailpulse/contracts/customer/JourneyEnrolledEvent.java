package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.journey.JourneyKey;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The customer entered version {@code version} of a journey because of {@code trigger}; the run is {@code enrollmentId}. */
@Revision("1")
public record JourneyEnrolledEvent(CustomerId customerId, JourneyKey journey, int version, String enrollmentId, String trigger,
                                   Instant enrolledAt) implements CustomerEvent {
}
