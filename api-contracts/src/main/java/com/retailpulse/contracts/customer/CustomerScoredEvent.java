package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/**
 * Version {@code version} of {@code model} (docs/models.md) scored the customer from their purchases before
 * {@code scoredAt}: numbers by name (churn: {@code probability}; ltv: {@code expectedValue90d}, …) and, for a
 * model that places customers in groups, the group's name in {@code label}. Recorded only when a score changes.
 */
@Revision("1")
public record CustomerScoredEvent(CustomerId customerId, String model, int version, Map<String, Double> values, String label,
                                  Instant scoredAt) implements CustomerEvent {

    public CustomerScoredEvent {
        values = Map.copyOf(values);
    }
}
