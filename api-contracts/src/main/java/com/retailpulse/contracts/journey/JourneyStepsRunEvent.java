package com.retailpulse.contracts.journey;

import com.retailpulse.contracts.customer.CustomerId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A journey run went through {@code steps} in one go (in order), choosing {@code arms} (split step → branch
 * key) on the way, and now waits at {@code waitingAt} (its {@code wait}-th wait), or null when the run ended
 * there. Published by the run itself for the journey's results (docs/journeys.md); it changes no aggregate.
 */
@Revision("1")
public record JourneyStepsRunEvent(CustomerId customerId, JourneyKey journey, int version, String enrollmentId, List<String> steps,
                                   Map<String, String> arms, String waitingAt, int waits, Instant at) {
    public JourneyStepsRunEvent {
        steps = steps == null ? List.of() : List.copyOf(steps);
        arms = arms == null ? Map.of() : Map.copyOf(arms);
    }
}
