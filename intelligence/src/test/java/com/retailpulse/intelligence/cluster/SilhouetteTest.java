package com.retailpulse.intelligence.cluster;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SilhouetteTest {

    @Test
    void two_pairs_on_a_line_have_the_hand_computed_silhouette() {
        double[][] points = {{0}, {1}, {10}, {11}};
        int[] labels = {0, 0, 1, 1};

        // the outer points: a = 1, b = 10.5; the inner ones: a = 1, b = 9.5
        double expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
        assertThat(Silhouette.mean(points, labels, 2, Silhouette.sample(4, 1), ClusterModel.DISTANCE))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void a_point_alone_in_its_cluster_counts_as_zero() {
        double[][] points = {{0}, {1}, {10}};
        int[] labels = {0, 0, 1};

        // points 0 and 1: a = 1, b = 10 and 9; point 2: alone, 0
        double expected = (9.0 / 10 + 8.0 / 9 + 0) / 3;
        assertThat(Silhouette.mean(points, labels, 2, Silhouette.sample(3, 1), ClusterModel.DISTANCE))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void large_populations_are_measured_on_a_seeded_sample() {
        int n = Silhouette.MAX_POINTS * 2;

        int[] sample = Silhouette.sample(n, 9);

        assertThat(sample).hasSize(Silhouette.MAX_POINTS).doesNotHaveDuplicates().isSorted();
        assertThat(IntStream.of(sample).allMatch(i -> i >= 0 && i < n)).isTrue();
        assertThat(Silhouette.sample(n, 9)).isEqualTo(sample);
        assertThat(Silhouette.sample(100, 9)).hasSize(100);
    }
}
