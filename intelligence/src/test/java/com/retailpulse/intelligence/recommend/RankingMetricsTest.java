package com.retailpulse.intelligence.recommend;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void one_relevant_product_at_rank_two_of_a_three_product_basket_scores_its_gain_over_the_ideal_of_three() {
        List<String> ranked = List.of("a", "b", "c");
        Set<String> basket = Set.of("b", "x", "y");

        // DCG = 1/log2(3); ideal DCG puts 3 relevant products on top: 1 + 1/log2(3) + 1/log2(4).
        double expected = (1 / LOG2_3) / (1 + 1 / LOG2_3 + 0.5);
        assertThat(expected).isCloseTo(0.29608, within(1e-5));
        assertThat(RankingMetrics.hit(ranked, basket, 3)).isTrue();
        assertThat(RankingMetrics.ndcg(ranked, basket, 3)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void a_basket_larger_than_the_cut_off_is_ideal_when_every_recommended_slot_is_in_it() {
        assertThat(RankingMetrics.ndcg(List.of("a", "b"), Set.of("a", "b", "c", "d", "e"), 2)).isEqualTo(1.0);
    }

    @Test
    void a_relevant_product_below_the_cut_off_is_a_miss() {
        List<String> ranked = List.of("a", "b", "c", "d");
        Set<String> basket = Set.of("d");

        assertThat(RankingMetrics.hit(ranked, basket, 3)).isFalse();
        assertThat(RankingMetrics.ndcg(ranked, basket, 3)).isZero();
        assertThat(RankingMetrics.hit(ranked, basket, 4)).isTrue();
        assertThat(RankingMetrics.ndcg(ranked, basket, 4)).isCloseTo(1 / (Math.log(5) / Math.log(2)), within(1e-12));
    }

    @Test
    void the_evaluation_averages_hit_rate_and_ndcg_over_the_held_out_customers() {
        // Popularity by baskets: p (3), q (2), r (1); everyone is offered [p, q] at k = 2.
        Interactions interactions = Interactions.of(new Purchases()
                .basket("c1", "1", 0, "p", "q")
                .basket("c2", "2", 0, "p", "q", "r")
                .basket("c3", "3", 0, "p").list());
        Recommender popularity = PopularityRecommender.train(interactions, Repeats.ALLOWED);
        Map<String, Set<String>> heldOut = Map.of(
                "c1", Set.of("p"),       // rank 1 of a 1-product basket: NDCG 1
                "c2", Set.of("q", "z"),  // rank 2 of a 2-product basket: (1/log2 3) / (1 + 1/log2 3)
                "c3", Set.of("r"));      // not in the top 2: miss

        RankingMetrics metrics = RankingMetrics.evaluate(popularity, heldOut, 2);

        double secondOfTwo = (1 / LOG2_3) / (1 + 1 / LOG2_3);
        assertThat(metrics.customers()).isEqualTo(3);
        assertThat(metrics.hitRate()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(metrics.ndcg()).isCloseTo((1 + secondOfTwo + 0) / 3, within(1e-12));
    }
}
