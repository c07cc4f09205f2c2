package com.retailpulse.intelligence.experiment;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Beta;

/**
 * The Bayesian probability that a treatment's true rate is above the control's, with a uniform Beta(1, 1)
 * prior on each rate, so that each posterior is Beta(1 + conversions, 1 + non-conversions). Exact for up to
 * {@link #EXACT_TERMS} conversions in the treatment (Evan Miller's closed form, a sum of Beta-function
 * ratios in log space); above that, both posteriors are so narrow that their normal approximation is used.
 */
public final class ProbabilityToBeat {

    static final long EXACT_TERMS = 200_000;
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private ProbabilityToBeat() {
    }

    public static double of(ArmTally control, ArmTally treatment) {
        double aA = 1.0 + control.conversions();
        double bA = 1.0 + control.units() - control.conversions();
        double aB = 1.0 + treatment.conversions();
        double bB = 1.0 + treatment.units() - treatment.conversions();
        if (treatment.conversions() >= EXACT_TERMS) {
            double meanA = aA / (aA + bA);
            double meanB = aB / (aB + bB);
            double varA = aA * bA / ((aA + bA) * (aA + bA) * (aA + bA + 1));
            double varB = aB * bB / ((aB + bB) * (aB + bB) * (aB + bB + 1));
            return NORMAL.cumulativeProbability((meanB - meanA) / Math.sqrt(varA + varB));
        }
        double logBetaA = Beta.logBeta(aA, bA);
        double total = 0;
        for (int i = 0; i < (int) aB; i++) {
            total += Math.exp(Beta.logBeta(aA + i, bA + bB) - Math.log(bB + i) - Beta.logBeta(1.0 + i, bB) - logBetaA);
        }
        return Math.min(1, Math.max(0, total));
    }
}
