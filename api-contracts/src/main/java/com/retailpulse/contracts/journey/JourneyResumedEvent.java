package com.retailpulse.contracts.journey;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The journey was resumed at {@code at}. */
@Revision("1")
public record JourneyResumedEvent(JourneyKey journey, Instant at) implements JourneyEvent {
}
