package com.retailpulse.infra.campaigns;

import com.retailpulse.intelligence.experiment.ArmTally;
import com.retailpulse.intelligence.experiment.ThompsonSampling;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Thompson shares to per-mille weights with a floor: no variant starves, the weights add up to the whole. */
class CampaignAllocatorWeightsTest {

    private static Map<String, Double> shares(Object... armAndShare) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int i = 0; i < armAndShare.length; i += 2) {
            shares.put((String) armAndShare[i], (Double) armAndShare[i + 1]);
        }
        return shares;
    }

    @Test
    void a_variant_the_bandit_gives_nothing_keeps_the_floor_and_the_rest_is_split_by_share() {
        // m + (1 - n m) s: 0.05 + 0.9 * 1 = 0.95; 0.05 + 0.9 * 0 = 0.05
        assertThat(CampaignAllocator.weights(shares("a", 1.0, "b", 0.0), 0.05)).containsExactly(Map.entry("a", 950), Map.entry("b", 50));
        assertThat(CampaignAllocator.weights(shares("a", 0.5, "b", 0.3, "c", 0.2), 0.1))
                .containsExactly(Map.entry("a", 450), Map.entry("b", 310), Map.entry("c", 240));
        assertThat(CampaignAllocator.weights(shares("a", 0.7, "b", 0.3), 0.0)).containsExactly(Map.entry("a", 700), Map.entry("b", 300));
    }

    @Test
    void shares_that_include_the_holdout_are_renormalised_over_the_variants() {
        // the report's bandit shares cover the control (the holdout) too; its traffic share is fixed
        assertThat(CampaignAllocator.weights(shares("a", 0.45, "b", 0.45), 0.05)).containsExactly(Map.entry("a", 500), Map.entry("b", 500));
        assertThat(CampaignAllocator.weights(shares("a", 0.0, "b", 0.0), 0.05)).isNull();
    }

    @Test
    void a_floor_as_high_as_it_may_be_splits_the_traffic_evenly_whatever_the_bandit_says() {
        assertThat(CampaignAllocator.weights(shares("a", 1.0, "b", 0.0, "c", 0.0, "d", 0.0), 0.25))
                .containsExactly(Map.entry("a", 250), Map.entry("b", 250), Map.entry("c", 250), Map.entry("d", 250));
    }

    @Test
    void the_report_s_bandit_on_a_clear_leader_gives_it_most_traffic_but_every_variant_its_floor() {
        List<ArmTally> arms = List.of(new ArmTally("a", 400, 80, 0, 0), new ArmTally("b", 400, 40, 0, 0), new ArmTally("c", 400, 44, 0, 0));
        Map<String, Double> bandit = ThompsonSampling.shares(arms, 10_000, new Well19937c(7));
        Map<String, Integer> weights = CampaignAllocator.weights(bandit, 0.05);
        assertThat(weights.get("a")).isGreaterThan(850);
        assertThat(weights.get("b")).isBetween(50, 60);
        assertThat(weights.get("c")).isBetween(50, 60);
        assertThat(weights.values().stream().mapToInt(Integer::intValue).sum()).isBetween(999, 1001);
    }
}
