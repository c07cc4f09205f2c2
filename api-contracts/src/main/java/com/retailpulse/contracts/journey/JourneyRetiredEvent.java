package com.retailpulse.contracts.journey;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The journey was retired at {@code at}. */
@Revision("1")
public record JourneyRetiredEvent(JourneyKey journey, Instant at) implements JourneyEvent {
}
