package com.retailpulse.contracts.journey;

/** Every event of the Journey aggregate. */
public sealed interface JourneyEvent permits JourneyPublishedEvent, JourneyPausedEvent, JourneyResumedEvent, JourneyRetiredEvent {
    JourneyKey journey();
}
