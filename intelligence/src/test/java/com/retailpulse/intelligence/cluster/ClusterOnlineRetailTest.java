package com.retailpulse.intelligence.cluster;

import com.retailpulse.intelligence.support.OnlineRetail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Customer clusters of the whole Online Retail year (features as of 2011-12-10), seed 42. */
class ClusterOnlineRetailTest {
    private static final Instant CUTOFF = Instant.parse("2011-12-10T00:00:00Z");
    private static final long SEED = 42;
    private static SortedMap<String, CustomerFeatures> customers;
    private static ClusterTrainer.Trained trained;

    @BeforeAll
    static void train() {
        customers = CustomerFeatures.allAsOf(OnlineRetail.purchases(), CUTOFF);
        trained = ClusterTrainer.train(customers, CUTOFF, SEED);
        ClusterModel model = trained.model();
        System.out.printf("Online Retail clusters: %d customers, k %d, silhouette by k %s%n", customers.size(), model.k(),
                model.silhouetteByK());
        for (ClusterProfile cluster : model.clusters()) {
            System.out.printf("  %d. %s: %d customers; mean %s%n", cluster.index(), cluster.description(), cluster.size(),
                    cluster.meanFeatures());
        }
    }

    @Test
    void every_customer_who_bought_in_the_year_is_clustered() {
        assertThat(customers).hasSize(4_339);
        assertThat(trained.model().clusters().stream().mapToInt(ClusterProfile::size).sum()).isEqualTo(4_339);
    }

    @Test
    void the_chosen_k_has_the_best_silhouette_of_the_candidates() {
        Map<Integer, Double> silhouettes = trained.model().silhouetteByK();

        assertThat(silhouettes).containsOnlyKeys(2, 3, 4, 5, 6, 7, 8);
        assertThat(silhouettes.get(trained.model().k())).isEqualTo(Collections.max(silhouettes.values()));
    }

    @Test
    void assigning_the_training_customers_reproduces_their_fitted_labels() {
        customers.forEach((customer, features) ->
                assertThat(trained.model().assign(features)).as(customer).isEqualTo(trained.labels().get(customer)));
    }

    @Test
    void the_biggest_spenders_and_the_lapsed_customers_are_named_as_such() {
        ClusterProfile richest = trained.model().clusters().stream()
                .max(Comparator.comparingDouble(c -> c.meanFeatures().get(Feature.MONETARY))).orElseThrow();
        ClusterProfile longestGone = trained.model().clusters().stream()
                .max(Comparator.comparingDouble(c -> c.meanFeatures().get(Feature.RECENCY_DAYS))).orElseThrow();

        assertThat(richest.description()).contains("big spenders");
        assertThat(longestGone.description()).startsWith("Lapsed");
    }

    @Test
    void cluster_names_are_distinct() {
        assertThat(trained.model().clusters()).extracting(ClusterProfile::description).doesNotHaveDuplicates();
    }

    @Test
    void training_again_with_the_same_seed_gives_the_same_model() {
        ClusterTrainer.Trained again = ClusterTrainer.train(customers, CUTOFF, SEED);

        assertThat(again.model()).isEqualTo(trained.model());
        assertThat(again.labels()).isEqualTo(trained.labels());
    }
}
