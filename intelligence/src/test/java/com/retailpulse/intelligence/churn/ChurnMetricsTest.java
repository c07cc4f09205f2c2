package com.retailpulse.intelligence.churn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChurnMetricsTest {
    static final int[] TRUTH = {1, 0, 1, 1, 0};
    static final double[] SCORE = {0.9, 0.8, 0.7, 0.6, 0.2};

    @Test
    void average_precision_sums_precision_times_recall_gained_at_each_threshold() {
        // Thresholds 0.9, 0.8, 0.7, 0.6 gain recall 1/3, 0, 1/3, 1/3 at precision 1, 1/2, 2/3, 3/4.
        double byHand = 1.0 / 3 * 1 + 1.0 / 3 * 2 / 3 + 1.0 / 3 * 3 / 4;

        assertThat(AveragePrecision.of(TRUTH, SCORE)).isCloseTo(byHand, within(1e-12));
    }

    @Test
    void roc_auc_counts_a_tied_pair_as_half_right() {
        assertThat(RocAuc.of(new int[]{1, 0, 1, 0}, new double[]{0.5, 0.5, 0.9, 0.1})).isEqualTo(0.875);
        assertThat(RocAuc.of(new int[]{1, 0}, new double[]{0.1, 0.9})).isZero();
    }

    @Test
    void tied_scores_are_one_threshold_whatever_their_order() {
        assertThat(AveragePrecision.of(new int[]{1, 0}, new double[]{0.5, 0.5})).isEqualTo(0.5);
        assertThat(AveragePrecision.of(new int[]{0, 1}, new double[]{0.5, 0.5})).isEqualTo(0.5);
    }

    @Test
    void holdout_metrics_match_the_hand_computed_auc_and_brier_score() {
        HoldoutMetrics metrics = HoldoutMetrics.of(TRUTH, SCORE);

        // 4 of the 6 (positive, negative) pairs are ordered right.
        assertThat(metrics.rocAuc()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(metrics.brier()).isCloseTo((0.01 + 0.64 + 0.09 + 0.16 + 0.04) / 5, within(1e-12));
        assertThat(metrics.churnRate()).isEqualTo(0.6);
        assertThat(metrics.rows()).isEqualTo(5);
    }

    @Test
    void the_reliability_table_compares_each_bins_mean_prediction_with_its_observed_rate() {
        Reliability reliability = Reliability.of(new int[]{0, 1, 1, 0}, new double[]{0.05, 0.15, 0.95, 1.0}, 10);

        assertThat(reliability.bins()).hasSize(10);
        assertThat(reliability.bins().get(0)).isEqualTo(new Reliability.Bin(0.0, 0.1, 1, 0.05, 0.0));
        assertThat(reliability.bins().get(1).observedRate()).isEqualTo(1.0);
        assertThat(reliability.bins().get(9).count()).isEqualTo(2);
        assertThat(reliability.bins().get(9).meanPredicted()).isCloseTo(0.975, within(1e-12));
        assertThat(reliability.bins().get(5).count()).isZero();
        // 1/4 × 0.05 + 1/4 × 0.85 + 2/4 × 0.475
        assertThat(reliability.expectedCalibrationError()).isCloseTo(0.4625, within(1e-12));
        assertThat(reliability.table()).contains("| 0.9–1.0 | 0.975 | 0.500 | 2 |");
    }
}
