package com.retailpulse.intelligence.churn;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Platt scaling on synthetic scores whose true calibration map is known. */
class ChurnCalibrationTest {

    /** Scores that overstate churn: the truth is σ(0.6 · logit(score) − 0.5). */
    static Object[] overstated(long seed, int n) {
        Random random = new Random(seed);
        double[] scores = new double[n];
        int[] churned = new int[n];
        PlattScaling truth = new PlattScaling(0.6, -0.5);
        for (int i = 0; i < n; i++) {
            scores[i] = 0.02 + 0.96 * random.nextDouble();
            churned[i] = random.nextDouble() < truth.apply(scores[i]) ? 1 : 0;
        }
        return new Object[]{scores, churned};
    }

    @Test
    void the_fitted_map_recovers_the_slope_and_intercept_that_generated_the_outcomes() {
        Object[] data = overstated(1, 20_000);

        PlattScaling fitted = PlattScaling.fit((double[]) data[0], (int[]) data[1]);

        assertThat(fitted.slope()).isCloseTo(0.6, within(0.05));
        assertThat(fitted.intercept()).isCloseTo(-0.5, within(0.05));
    }

    @Test
    void the_map_does_not_depend_on_which_outcome_comes_first() {
        // LIBLINEAR orders its classes by first appearance; the map must mean P(churn) either way.
        Object[] data = overstated(2, 2_000);
        double[] scores = (double[]) data[0];
        int[] churned = (int[]) data[1];
        int firstChurner = 0;
        while (churned[firstChurner] == 0) {
            firstChurner++;
        }
        int firstStayer = 0;
        while (churned[firstStayer] == 1) {
            firstStayer++;
        }

        PlattScaling churnerFirst = PlattScaling.fit(moveToFront(scores, firstChurner), moveToFront(churned, firstChurner));
        PlattScaling stayerFirst = PlattScaling.fit(moveToFront(scores, firstStayer), moveToFront(churned, firstStayer));

        assertThat(churnerFirst.slope()).isCloseTo(stayerFirst.slope(), within(1e-4)).isPositive();
        assertThat(churnerFirst.intercept()).isCloseTo(stayerFirst.intercept(), within(1e-4)).isNegative();
    }

    @Test
    void calibrating_lowers_the_calibration_error_and_leaves_the_ranking_as_it_was() {
        Object[] data = overstated(3, 4_000);
        double[] scores = (double[]) data[0];
        int[] churned = (int[]) data[1];
        PlattScaling map = PlattScaling.fit(scores, churned);
        double[] calibrated = Arrays.stream(scores).map(map::apply).toArray();

        HoldoutMetrics before = HoldoutMetrics.of(churned, scores);
        HoldoutMetrics after = HoldoutMetrics.of(churned, calibrated);

        assertThat(before.calibrationError()).isGreaterThan(0.1);
        assertThat(after.calibrationError()).isLessThan(0.03);
        assertThat(after.rocAuc()).isEqualTo(before.rocAuc());
        assertThat(after.prAuc()).isEqualTo(before.prAuc());
    }

    @Test
    void the_identity_map_returns_every_probability_unchanged() {
        for (double p : new double[]{0.0, 1e-9, 0.123456789, 0.5, 0.999, 1.0}) {
            assertThat(PlattScaling.IDENTITY.apply(p)).isEqualTo(p);
        }
    }

    @Test
    void rows_with_one_outcome_only_cannot_be_calibrated_on() {
        assertThatThrownBy(() -> PlattScaling.fit(new double[]{0.2, 0.7}, new int[]{1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both outcomes");
    }

    private static double[] moveToFront(double[] values, int index) {
        double[] moved = values.clone();
        moved[0] = values[index];
        moved[index] = values[0];
        return moved;
    }

    private static int[] moveToFront(int[] values, int index) {
        int[] moved = values.clone();
        moved[0] = values[index];
        moved[index] = values[0];
        return moved;
    }
}
