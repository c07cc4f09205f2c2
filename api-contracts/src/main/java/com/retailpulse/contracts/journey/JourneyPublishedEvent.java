package com.retailpulse.contracts.journey;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Version {@code version} of the journey is in service from {@code publishedAt}. */
@Revision("1")
public record JourneyPublishedEvent(JourneyKey journey, int version, JourneyGraph graph, Instant publishedAt) implements JourneyEvent {
}
