package com.retailpulse.intelligence.experiment;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Thompson-sampling bandit over arms with a yes/no reward: each unit goes to the arm whose draw from its
 * Beta(1 + conversions, 1 + non-conversions) posterior is highest, so traffic moves to the arm that is
 * probably best while the others keep getting enough to be found out if they are better after all.
 * Draws come from the caller's generator: seeded, an allocation is reproducible.
 */
public final class ThompsonSampling {

    private ThompsonSampling() {
    }

    /** The arm the next unit should get. */
    public static String choose(List<ArmTally> arms, RandomGenerator random) {
        return arms.get(best(posteriors(arms, random))).arm();
    }

    /**
     * Each arm's probability of being the best, estimated from {@code draws} joint posterior draws: the
     * share of traffic Thompson sampling gives it now.
     */
    public static Map<String, Double> shares(List<ArmTally> arms, int draws, RandomGenerator random) {
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be at least 1, got " + draws);
        }
        List<BetaDistribution> posteriors = posteriors(arms, random);
        Map<String, Double> shares = new LinkedHashMap<>();
        arms.forEach(a -> shares.put(a.arm(), 0.0));
        for (int d = 0; d < draws; d++) {
            shares.merge(arms.get(best(posteriors)).arm(), 1.0 / draws, Double::sum);
        }
        return shares;
    }

    /** The index of the arm with the highest draw, one draw per arm in order; the first on a tie. */
    private static int best(List<BetaDistribution> posteriors) {
        int best = -1;
        double bestDraw = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < posteriors.size(); i++) {
            double draw = posteriors.get(i).sample();
            if (draw > bestDraw) {
                bestDraw = draw;
                best = i;
            }
        }
        return best;
    }

    private static List<BetaDistribution> posteriors(List<ArmTally> arms, RandomGenerator random) {
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("a bandit needs at least one arm");
        }
        return arms.stream().map(arm -> new BetaDistribution(random, 1.0 + arm.conversions(),
                1.0 + arm.units() - arm.conversions(), BetaDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY)).toList();
    }
}
