package com.retailpulse.contracts.journey;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The journey was paused at {@code at}. */
@Revision("1")
public record JourneyPausedEvent(JourneyKey journey, Instant at) implements JourneyEvent {
}
