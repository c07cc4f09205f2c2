package com.retailpulse.intelligence.churn;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static com.retailpulse.intelligence.churn.Histories.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The boosted model's contract on synthetic rows: no shared data needed. */
class ChurnModelTest {
    static final Instant CUTOFF = Instant.parse("2011-06-01T00:00:00Z");
    static ChurnRows rows;
    static BoostedChurnModel model;

    @BeforeAll
    static void train() {
        // Churn is likelier the longer a customer has been away; a third of the one-order customers' intervals are missing.
        Random random = new Random(11);
        List<FeatureVector> vectors = new ArrayList<>();
        int[] churned = new int[1_000];
        for (int i = 0; i < churned.length; i++) {
            double[] values = new double[PointInTimeFeatures.SCHEMA.size()];
            for (int f = 0; f < values.length; f++) {
                values[f] = random.nextDouble() * 100;
            }
            if (i % 3 == 0) {
                values[ChurnFeature.MEAN_INTERVAL_DAYS.ordinal()] = Double.NaN;
            }
            churned[i] = random.nextDouble() < values[ChurnFeature.RECENCY_DAYS.ordinal()] / 100 ? 1 : 0;
            vectors.add(new FeatureVector("c" + i, CUTOFF, PointInTimeFeatures.SCHEMA, values));
        }
        rows = new ChurnRows(vectors, churned);
        List<ChurnRows> split = rows.splitByCustomer(0.2, 1);
        model = BoostedChurnModel.train(split.get(0), split.get(1), BoostingParameters.DEFAULTS);
    }

    @Test
    void a_model_loaded_from_its_bytes_gives_the_same_scores() {
        BoostedChurnModel loaded = BoostedChurnModel.fromBytes(model.toBytes(), 1);

        assertThat(loaded.schema()).isEqualTo(model.schema());
        assertThat(loaded.rounds()).isEqualTo(model.rounds());
        assertThat(loaded.churnProbabilities(rows)).containsExactly(model.churnProbabilities(rows));
        FeatureVector one = rows.features().get(0);
        assertThat(loaded.churnProbability(one)).isEqualTo(model.churnProbability(one));
        assertThat(loaded.purchasePropensity(one)).isEqualTo(1 - loaded.churnProbability(one));
    }

    @Test
    void a_calibrated_model_keeps_its_map_through_its_bytes_and_ranks_as_its_trees_do() {
        BoostedChurnModel calibrated = model.withCalibration(new PlattScaling(0.7, -0.3));
        BoostedChurnModel loaded = BoostedChurnModel.fromBytes(calibrated.toBytes(), 1);

        assertThat(loaded.calibration()).isEqualTo(calibrated.calibration());
        assertThat(loaded.churnProbabilities(rows)).containsExactly(calibrated.churnProbabilities(rows));
        assertThat(loaded.uncalibrated().churnProbabilities(rows)).containsExactly(model.churnProbabilities(rows));
        assertThat(HoldoutMetrics.of(calibrated, rows).rocAuc()).isEqualTo(HoldoutMetrics.of(model, rows).rocAuc());
        assertThat(calibrated.churnProbability(rows.features().get(0))).isNotEqualTo(model.churnProbability(rows.features().get(0)));
    }

    @Test
    void scoring_one_vector_gives_what_scoring_it_in_a_batch_gives() {
        double[] batch = model.churnProbabilities(rows);

        for (int i = 0; i < 20; i++) {
            assertThat(model.churnProbability(rows.features().get(i))).isEqualTo(batch[i]);
        }
    }

    @Test
    void the_model_learnt_the_planted_effect_and_early_stopping_kept_fewer_rounds_than_allowed() {
        assertThat(HoldoutMetrics.of(model, rows).rocAuc()).isGreaterThan(0.7);
        assertThat(model.rounds()).isBetween(1, BoostingParameters.DEFAULTS.maxRounds() - 1);
    }

    @Test
    void a_model_refuses_a_vector_of_another_schema() {
        List<String> reordered = new ArrayList<>(PointInTimeFeatures.SCHEMA.features());
        Collections.reverse(reordered);
        FeatureVector foreign = new FeatureVector("x", CUTOFF, new FeatureSchema("churn-features", 1, reordered),
                rows.features().get(0).values());

        assertThatThrownBy(() -> model.churnProbability(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model expects");
    }

    @Test
    void bytes_that_are_not_a_churn_model_are_refused() {
        assertThatThrownBy(() -> BoostedChurnModel.fromBytes("not a model".getBytes(), 1)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void training_refuses_data_that_end_before_the_holdout_labels_are_known() {
        ChurnTraining plan = new ChurnTraining(List.of(Instant.parse("2011-03-01T00:00:00Z")), Instant.parse("2011-09-10T00:00:00Z"),
                Duration.ofDays(365), Optional.empty(), 0.2, 1, BoostingParameters.DEFAULTS, 1.0, PromotionGate.DEFAULT);

        assertThatThrownBy(() -> plan.train(List.of(line("o", "2011-10-01T00:00:00Z", "A", 1, 1.0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the holdout labels' window closes");
    }
}
