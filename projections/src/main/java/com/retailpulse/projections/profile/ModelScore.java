package com.retailpulse.projections.profile;

import java.time.Instant;
import java.util.Map;

/**
 * A model's last recorded score of a customer record ({@code CustomerScoredEvent}): which version, the
 * numbers by name, the group's name for a model that places customers in groups, and when.
 */
public record ModelScore(int version, Map<String, Double> values, String label, Instant scoredAt) {

    public ModelScore {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** The newer of two scores by the same model; {@code this} on a tie. */
    ModelScore newer(ModelScore other) {
        return other == null || !other.scoredAt.isAfter(scoredAt) ? this : other;
    }
}
