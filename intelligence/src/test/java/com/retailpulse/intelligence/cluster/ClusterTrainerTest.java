package com.retailpulse.intelligence.cluster;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterTrainerTest {
    private static final Instant CUTOFF = Instant.parse("2024-01-01T00:00:00Z");

    /** Three tight groups: weekly wholesalers, lapsed one-off gift buyers, and monthly regulars. */
    private static SortedMap<String, CustomerFeatures> threeGroups() {
        Random random = new Random(5);
        SortedMap<String, CustomerFeatures> customers = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            double jitter = 1 + 0.1 * random.nextGaussian();
            customers.put("wholesale" + i, new CustomerFeatures(3 * jitter, 50, 25_000 * jitter, 500 * jitter, 300, 0.02, 360));
            customers.put("gift" + i, new CustomerFeatures(250 * jitter, 1, 40 * jitter, 40 * jitter, 3, 0, 250 * jitter + 10));
            customers.put("regular" + i, new CustomerFeatures(20 * jitter, 10, 1_500 * jitter, 150 * jitter, 40, 0.05, 300));
        }
        return customers;
    }

    @Test
    void three_well_separated_groups_are_found_as_three_clusters() {
        ClusterTrainer.Trained trained = ClusterTrainer.train(threeGroups(), CUTOFF, 1);

        ClusterModel model = trained.model();
        assertThat(model.k()).isEqualTo(3);
        assertThat(model.silhouetteByK()).containsOnlyKeys(2, 3, 4, 5, 6, 7, 8);
        assertThat(model.silhouetteByK().get(3)).isGreaterThan(0.8);
        assertThat(model.clusters()).extracting(ClusterProfile::size).containsOnly(60);
        assertThat(trained.labels().get("wholesale0")).isEqualTo(trained.labels().get("wholesale59"))
                .isNotEqualTo(trained.labels().get("gift0"));
        assertThat(model.profile(threeGroups().get("gift7")).description()).startsWith("Lapsed, one-time low spenders");
        assertThat(model.profile(threeGroups().get("wholesale7")).description()).startsWith("Recent, frequent big spenders");
    }

    @Test
    void a_new_customer_is_assigned_to_the_group_they_resemble() {
        ClusterModel model = ClusterTrainer.train(threeGroups(), CUTOFF, 1).model();
        int regulars = model.assign(threeGroups().get("regular0"));

        assertThat(model.assign(new CustomerFeatures(25, 9, 1_300, 145, 35, 0.04, 290))).isEqualTo(regulars);
    }

    @Test
    void too_few_customers_to_compare_every_k_are_rejected() {
        SortedMap<String, CustomerFeatures> eight = new TreeMap<>();
        threeGroups().entrySet().stream().limit(8).forEach(e -> eight.put(e.getKey(), e.getValue()));

        assertThatThrownBy(() -> ClusterTrainer.train(eight, CUTOFF, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 8 customers");
    }
}
