package com.retailpulse.intelligence.experiment;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A treatment's mean value per unit (spend per customer) against the control's, by Welch's t-test: the
 * difference with its confidence interval and the two-sided p-value, without assuming equal variances
 * (a mailing changes who spends, and so the spread). Valid at a sample size fixed in advance.
 *
 * @param controlMean    control's mean value per unit
 * @param treatmentMean  treatment's
 * @param difference     treatment − control
 * @param lower          lower end of the interval for the difference
 * @param upper          upper end
 * @param confidence     the interval's confidence level
 * @param relativeUplift difference / control mean (NaN when it is 0)
 * @param degreesOfFreedom Welch–Satterthwaite
 * @param pValue         two-sided
 */
public record MeanComparison(double controlMean, double treatmentMean, double difference, double lower, double upper,
                             double confidence, double relativeUplift, double degreesOfFreedom, double pValue) {

    public static MeanComparison of(ArmTally control, ArmTally treatment, double confidence) {
        if (control.units() < 2 || treatment.units() < 2) {
            throw new IllegalArgumentException("both arms need at least two units: " + control.arm() + " has " + control.units()
                    + ", " + treatment.arm() + " has " + treatment.units());
        }
        double v1 = control.valueVariance() / control.units();
        double v2 = treatment.valueVariance() / treatment.units();
        double se = Math.sqrt(v1 + v2);
        double difference = treatment.meanValue() - control.meanValue();
        double df = se == 0 ? control.units() + treatment.units() - 2
                : (v1 + v2) * (v1 + v2) / (v1 * v1 / (control.units() - 1) + v2 * v2 / (treatment.units() - 1));
        TDistribution t = new TDistribution(df);
        double critical = t.inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double pValue = se == 0 ? (difference == 0 ? 1 : 0) : 2 * t.cumulativeProbability(-Math.abs(difference / se));
        return new MeanComparison(control.meanValue(), treatment.meanValue(), difference, difference - critical * se,
                difference + critical * se, confidence, control.meanValue() == 0 ? Double.NaN : difference / control.meanValue(),
                df, pValue);
    }
}
