package com.retailpulse.intelligence.cluster;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterDescriberTest {

    /** z in Feature order: recency, orders, spend, average order, products, return share, tenure. */
    private static double[] z(double... values) {
        return values;
    }

    private static Map<Feature, Double> orders(double meanOrders) {
        Map<Feature, Double> means = new EnumMap<>(Feature.class);
        means.put(Feature.FREQUENCY, meanOrders);
        return means;
    }

    @Test
    void clusters_are_named_by_recency_frequency_and_spend_relative_to_the_population() {
        List<String> names = ClusterDescriber.describe(
                new double[][] {z(-0.9, 1.2, 1.1, 0.2, 0.3, 0, 0.1), z(0.8, -0.7, -0.9, -0.1, -0.2, 0, -0.3), z(0.1, 0.1, 0, 0, 0, 0, 0)},
                List.of(orders(9), orders(1.1), orders(3)));

        assertThat(names).containsExactly(
                "Recent, frequent big spenders",
                "Lapsed, one-time low spenders",
                "Cooling, occasional mid spenders");
    }

    @Test
    void a_trait_far_from_the_population_is_named_after_the_rfm_phrase() {
        List<String> names = ClusterDescriber.describe(
                new double[][] {z(0, 0, 0, 0, 0, 2.5, -0.9), z(0, 0, 0, 0, 0, -0.1, 0.1)},
                List.of(orders(3), orders(3)));

        assertThat(names.get(0)).isEqualTo("Cooling, occasional mid spenders (many returns, new)");
    }

    @Test
    void clusters_that_would_share_a_name_are_told_apart_by_their_strongest_other_trait() {
        List<String> names = ClusterDescriber.describe(
                new double[][] {z(-1, 1, 1, 0.6, 0.1, 0, 0.2), z(-1, 1, 1, -0.4, 0.1, 0, 0.2), z(1, -1, -1, 0, 0, 0, 0)},
                List.of(orders(9), orders(9), orders(1)));

        assertThat(names).doesNotHaveDuplicates();
        assertThat(names.get(0)).isEqualTo("Recent, frequent big spenders (large orders)");
        assertThat(names.get(1)).isEqualTo("Recent, frequent big spenders (small orders)");
        assertThat(names.get(2)).isEqualTo("Lapsed, one-time low spenders");
    }

    @Test
    void identical_clusters_still_get_distinct_names() {
        double[] same = z(0, 0, 0, 0, 0, 0, 0);

        assertThat(ClusterDescriber.describe(new double[][] {same, same}, List.of(orders(2), orders(2)))).doesNotHaveDuplicates();
    }
}
