package com.retailpulse.intelligence.experiment;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExperimentStatisticsTest {

    private static ArmTally arm(String name, long units, long conversions) {
        return new ArmTally(name, units, conversions, 0, 0);
    }

    @Test
    void newcombes_interval_matches_his_published_example() {
        // Newcombe (1998), Statistics in Medicine 17:873, example (a): 56/70 vs 48/80, method 10: 0.0524 to 0.3339
        ProportionComparison c = ProportionComparison.of(arm("b", 80, 48), arm("a", 70, 56), 0.95);
        assertThat(c.difference()).isCloseTo(0.2, within(1e-9));
        assertThat(c.lower()).isCloseTo(0.0524, within(0.00005));
        assertThat(c.upper()).isCloseTo(0.3339, within(0.00005));
    }

    @Test
    void the_probability_to_beat_is_exact_against_monte_carlo_and_a_half_for_equal_arms() {
        assertThat(ProbabilityToBeat.of(arm("c", 1000, 50), arm("t", 1000, 50))).isCloseTo(0.5, within(0.01));
        ArmTally c = arm("c", 2_000, 100);
        ArmTally t = arm("t", 2_000, 125);
        RandomGenerator random = new Well19937c(3);
        BetaDistribution pc = new BetaDistribution(random, 101, 1_901);
        BetaDistribution pt = new BetaDistribution(random, 126, 1_876);
        int wins = 0;
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            if (pt.sample() > pc.sample()) {
                wins++;
            }
        }
        assertThat(ProbabilityToBeat.of(c, t)).isCloseTo((double) wins / draws, within(0.004));
        assertThat(ProbabilityToBeat.of(t, c)).isCloseTo(1 - ProbabilityToBeat.of(c, t), within(1e-3));
    }

    /**
     * A/A tests (no difference), looked at every 250 units per arm up to 10,000: declaring a winner the
     * first time the fixed-sample z-test's p-value dips below 0.05 finds a "winner" in far more than 5 % of
     * them; the always-valid mSPRT stays below 5 %.
     */
    @Test
    void peeking_inflates_false_winners_of_the_z_test_but_not_of_the_sequential_test() {
        RandomGenerator random = new Well19937c(11);
        int experiments = 400;
        int naiveFalse = 0;
        int sequentialFalse = 0;
        for (int e = 0; e < experiments; e++) {
            ArmTally c = ArmTally.empty("c");
            ArmTally t = ArmTally.empty("t");
            SequentialTest sequential = new SequentialTest(0.05, SequentialTest.DEFAULT_MIXTURE_SD);
            boolean naive = false;
            for (int look = 0; look < 40; look++) {
                for (int u = 0; u < 250; u++) {
                    c = c.plus(random.nextDouble() < 0.05, 0);
                    t = t.plus(random.nextDouble() < 0.05, 0);
                }
                naive |= ProportionComparison.of(c, t, 0.95).pValue() < 0.05;
                sequential.look(c, t);
            }
            naiveFalse += naive ? 1 : 0;
            sequentialFalse += sequential.decided() ? 1 : 0;
        }
        double naiveRate = (double) naiveFalse / experiments;
        double sequentialRate = (double) sequentialFalse / experiments;
        System.out.printf("A/A with 40 looks: z-test false winners %.3f, mSPRT %.3f%n", naiveRate, sequentialRate);
        assertThat(naiveRate).isGreaterThan(0.15);
        assertThat(sequentialRate).isLessThanOrEqualTo(0.05);
    }

    @Test
    void the_sequential_test_finds_a_real_difference_and_its_p_value_never_rises() {
        RandomGenerator random = new Well19937c(5);
        int found = 0;
        List<Integer> stoppedAt = new ArrayList<>();
        for (int e = 0; e < 100; e++) {
            ArmTally c = ArmTally.empty("c");
            ArmTally t = ArmTally.empty("t");
            SequentialTest sequential = new SequentialTest(0.05, SequentialTest.DEFAULT_MIXTURE_SD);
            double last = 1;
            for (int look = 1; look <= 40 && !sequential.decided(); look++) {
                for (int u = 0; u < 250; u++) {
                    c = c.plus(random.nextDouble() < 0.05, 0);
                    t = t.plus(random.nextDouble() < 0.065, 0);
                }
                double p = sequential.look(c, t).pValue();
                assertThat(p).isLessThanOrEqualTo(last);
                last = p;
                if (sequential.decided()) {
                    stoppedAt.add(look * 250);
                }
            }
            found += sequential.decided() ? 1 : 0;
        }
        List<Integer> sorted = stoppedAt.stream().sorted().toList();
        System.out.printf("5.0%% vs 6.5%%: found in %d of 100 within 10,000 units per arm; median stop %d units per arm; stopped at %s%n",
                found, sorted.get(sorted.size() / 2), stoppedAt);
        assertThat(found).isGreaterThan(70);
    }

    @Test
    void thompson_sampling_moves_traffic_to_the_best_arm() {
        RandomGenerator random = new Well19937c(9);
        double[] truth = {0.04, 0.05, 0.07};
        List<ArmTally> arms = new ArrayList<>(List.of(ArmTally.empty("a"), ArmTally.empty("b"), ArmTally.empty("c")));
        int[] pulls = new int[3];
        for (int u = 0; u < 20_000; u++) {
            String chosen = ThompsonSampling.choose(arms, random);
            int i = chosen.charAt(0) - 'a';
            pulls[i]++;
            arms.set(i, arms.get(i).plus(random.nextDouble() < truth[i], 0));
        }
        System.out.printf("Thompson pulls over 20,000 units: %d / %d / %d%n", pulls[0], pulls[1], pulls[2]);
        assertThat(pulls[2]).isGreaterThan(14_000);
        Map<String, Double> shares = ThompsonSampling.shares(arms, 5_000, random);
        assertThat(shares.get("c")).isGreaterThan(0.9);
        assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void bad_input_is_refused_with_what_is_wrong() {
        assertThatThrownBy(() -> arm("x", 10, 11)).hasMessageContaining("conversions <= units");
        assertThatThrownBy(() -> ProportionComparison.of(arm("c", 0, 0), arm("t", 10, 1), 0.95)).hasMessageContaining("c has 0");
        assertThatThrownBy(() -> new SequentialTest(1.5, 0.01)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> ArmTally.empty("x").plus(true, Double.NaN)).hasMessageContaining("finite");
    }
}
