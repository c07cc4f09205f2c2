package com.retailpulse.contracts.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Records what version {@code version} of {@code model} made of the customer at {@code scoredAt}. Recorded
 * only when it differs from the customer's last score by that model, and ignored when older than it, so the
 * scorer may state a score again (a nightly re-score, a retry). Answers true when recorded.
 */
public record RecordCustomerScoreCommand(@TargetAggregateIdentifier CustomerId customerId, String model, int version,
                                         Map<String, Double> values, String label, Instant scoredAt) {

    public RecordCustomerScoreCommand {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(scoredAt, "scoredAt");
        values = Map.copyOf(values);
        if (values.values().stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
            throw new IllegalArgumentException("scores of " + model + " must be finite numbers: " + values);
        }
    }
}
