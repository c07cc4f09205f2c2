package com.retailpulse.intelligence.churn;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate on synthetic holdouts whose true churn probabilities are known. */
class ChurnPromotionTest {
    static final int N = 4_000;
    static final double[] TRUE_PROBABILITY = new double[N];
    static final int[] CHURNED = new int[N];
    static final double[] NOISY = new double[N];

    static {
        Random random = new Random(3);
        for (int i = 0; i < N; i++) {
            TRUE_PROBABILITY[i] = random.nextDouble();
            CHURNED[i] = random.nextDouble() < TRUE_PROBABILITY[i] ? 1 : 0;
            NOISY[i] = Math.min(1, Math.max(0, TRUE_PROBABILITY[i] + random.nextGaussian() * 0.3));
        }
    }

    @Test
    void a_calibrated_model_that_ranks_better_than_the_baseline_is_promoted() {
        PromotionGate.Decision decision = PromotionGate.DEFAULT.decide(
                HoldoutMetrics.of(CHURNED, TRUE_PROBABILITY), HoldoutMetrics.of(CHURNED, NOISY));

        assertThat(decision.promoted()).isTrue();
        assertThat(decision.reasons()).isEmpty();
    }

    @Test
    void a_model_that_loses_to_the_baseline_is_not_promoted_and_the_decision_says_why() {
        PromotionGate.Decision decision = PromotionGate.DEFAULT.decide(
                HoldoutMetrics.of(CHURNED, NOISY), HoldoutMetrics.of(CHURNED, TRUE_PROBABILITY));

        assertThat(decision.promoted()).isFalse();
        assertThat(decision.reasons()).anyMatch(r -> r.startsWith("ROC AUC")).anyMatch(r -> r.startsWith("PR AUC"));
    }

    @Test
    void a_model_that_ranks_best_but_is_badly_calibrated_is_not_promoted() {
        // Cubing keeps the order (same AUCs as the true probabilities) but understates churn.
        double[] cubed = Arrays.stream(TRUE_PROBABILITY).map(p -> p * p * p).toArray();
        HoldoutMetrics boosted = HoldoutMetrics.of(CHURNED, cubed);

        PromotionGate.Decision decision = PromotionGate.DEFAULT.decide(boosted, HoldoutMetrics.of(CHURNED, NOISY));

        assertThat(boosted.calibrationError()).isGreaterThan(0.15);
        assertThat(decision.promoted()).isFalse();
        assertThat(decision.reasons()).singleElement().asString().startsWith("expected calibration error");
    }

    @Test
    void a_plan_whose_training_labels_reach_into_the_holdout_period_is_refused() {
        assertThatThrownBy(() -> plan(List.of(Instant.parse("2011-07-01T00:00:00Z")), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends after the holdout cutoff");
    }

    @Test
    void a_plan_whose_calibration_labels_reach_into_the_holdout_period_is_refused() {
        assertThatThrownBy(() -> plan(List.of(Instant.parse("2011-03-01T00:00:00Z")), Optional.of(Instant.parse("2011-06-13T00:00:00Z"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2011-06-13T00:00:00Z ends after the holdout cutoff");
    }

    private static ChurnTraining plan(List<Instant> trainingCutoffs, Optional<Instant> calibrationCutoff) {
        return new ChurnTraining(trainingCutoffs, Instant.parse("2011-09-10T00:00:00Z"), Duration.ofDays(365), calibrationCutoff,
                0.2, 1, BoostingParameters.DEFAULTS, 1.0, PromotionGate.DEFAULT);
    }
}
