package com.retailpulse.intelligence.experiment;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A treatment's rate against the control's on a yes/no metric, at a fixed sample size (one look): the
 * difference with Newcombe's hybrid score interval (Wilson intervals per arm, combined; it stays inside
 * [−1, 1] and behaves at rates near 0, where the Wald interval does not), the relative uplift, and the
 * two-sided p-value of the pooled two-proportion z-test. For decisions taken while data still arrive use
 * {@link SequentialTest}: these p-values are only valid at a sample size fixed in advance.
 *
 * @param controlRate   control's rate
 * @param treatmentRate treatment's rate
 * @param difference    treatment − control (absolute, e.g. 0.0768 = +7.68 percentage points)
 * @param lower         lower end of the interval for the difference
 * @param upper         upper end
 * @param confidence    the interval's confidence level
 * @param relativeUplift difference / control rate (NaN when the control's rate is 0)
 * @param zScore        pooled z statistic
 * @param pValue        two-sided
 */
public record ProportionComparison(double controlRate, double treatmentRate, double difference, double lower, double upper,
                                   double confidence, double relativeUplift, double zScore, double pValue) {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    public static ProportionComparison of(ArmTally control, ArmTally treatment, double confidence) {
        if (control.units() == 0 || treatment.units() == 0) {
            throw new IllegalArgumentException("both arms need units: " + control.arm() + " has " + control.units() + ", "
                    + treatment.arm() + " has " + treatment.units());
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
        double z = NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double p1 = control.rate();
        double p2 = treatment.rate();
        double[] w1 = wilson(control.conversions(), control.units(), z);
        double[] w2 = wilson(treatment.conversions(), treatment.units(), z);
        double difference = p2 - p1;
        // Newcombe (1998), method 10
        double lower = difference - Math.sqrt(sq(p2 - w2[0]) + sq(w1[1] - p1));
        double upper = difference + Math.sqrt(sq(w2[1] - p2) + sq(p1 - w1[0]));
        double pooled = (double) (control.conversions() + treatment.conversions()) / (control.units() + treatment.units());
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / control.units() + 1.0 / treatment.units()));
        double zScore = se == 0 ? 0 : difference / se;
        double pValue = se == 0 ? 1 : 2 * NORMAL.cumulativeProbability(-Math.abs(zScore));
        return new ProportionComparison(p1, p2, difference, lower, upper, confidence, p1 == 0 ? Double.NaN : difference / p1,
                zScore, pValue);
    }

    /** Wilson score interval of x successes in n trials. */
    static double[] wilson(long x, long n, double z) {
        double p = (double) x / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[]{Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static double sq(double v) {
        return v * v;
    }
}
