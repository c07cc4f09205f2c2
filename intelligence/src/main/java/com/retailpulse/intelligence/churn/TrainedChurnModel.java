package com.retailpulse.intelligence.churn;

/**
 * A boosted churn model with where it came from and how it and the baseline did on the holdout.
 *
 * @param version  data, cutoffs, schema and row counts
 * @param model    the model to serve if promoted
 * @param boosted  its holdout metrics
 * @param baseline the logistic baseline's holdout metrics on the same rows
 * @param gate     the promotion rule
 */
public record TrainedChurnModel(ModelVersion version, BoostedChurnModel model, HoldoutMetrics boosted,
                                HoldoutMetrics baseline, PromotionGate gate) {

    /** Whether {@link #model()} may be served, and if not, why. */
    public PromotionGate.Decision promotable() {
        return gate.decide(boosted, baseline);
    }
}
