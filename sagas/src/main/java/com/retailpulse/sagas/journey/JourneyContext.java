package com.retailpulse.sagas.journey;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.tag.TagCondition;

import java.time.ZoneId;
import java.util.Optional;

/** What a journey run needs to know of the platform: the versions of journeys, the customer's profile and zone. */
public interface JourneyContext {

    /** The graph of a published version; empty when there is none. */
    Optional<JourneyGraph> graph(JourneyKey journey, int version);

    /** Whether the customer's profile, as it is now, meets the condition (docs/tags.md). */
    boolean matches(CustomerId customer, TagCondition condition);

    /** The customer's time zone, for waits until a time of day. */
    ZoneId zoneOf(CustomerId customer);
}
