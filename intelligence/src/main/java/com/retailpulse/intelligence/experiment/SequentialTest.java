package com.retailpulse.intelligence.experiment;

/**
 * An always-valid test of a treatment's rate against the control's, for experiments that are looked at
 * while they run: the mixture sequential probability ratio test (mSPRT) of Johari, Koomen, Pekelis and
 * Walsh ("Peeking at A/B tests", KDD 2017; "Always valid inference", Operations Research 2022), with a
 * normal mixture of variance τ² over the difference of rates.
 *
 * <p>At every look the likelihood ratio of the observed difference θ̂ (variance V, from both arms) is
 * Λ = sqrt(V / (V + τ²)) · exp(θ̂² τ² / (2 V (V + τ²))); the always-valid p-value is the smallest 1 / Λ seen
 * so far. Declaring a winner as soon as it falls below α keeps the chance of ever declaring a false
 * winner below α, however often one looks — unlike the fixed-sample z-test, whose p-value, checked at
 * every look, crosses 0.05 far more often than 5 % of the time when there is no difference (the test of
 * this class measures both). τ is the size of difference one cares about; the default 0.01 suits rates of
 * a few percent.
 *
 * <p>Mutable and not thread-safe: one instance follows one comparison through its looks.
 */
public final class SequentialTest {

    public static final double DEFAULT_MIXTURE_SD = 0.01;

    private final double alpha;
    private final double tau2;
    private double pValue = 1;
    private int looks;

    /** The state after a look. */
    public record Look(int look, double difference, double pValue, boolean decided) {
    }

    public SequentialTest(double alpha, double mixtureSd) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, got " + alpha);
        }
        if (!(mixtureSd > 0)) {
            throw new IllegalArgumentException("the mixture's standard deviation must be positive, got " + mixtureSd);
        }
        this.alpha = alpha;
        this.tau2 = mixtureSd * mixtureSd;
    }

    /** Looks at the arms as they stand now (their tallies are cumulative). */
    public Look look(ArmTally control, ArmTally treatment) {
        looks++;
        if (control.units() > 0 && treatment.units() > 0) {
            double pC = control.rate();
            double pT = treatment.rate();
            double v = pC * (1 - pC) / control.units() + pT * (1 - pT) / treatment.units();
            if (v > 0) {
                double theta = pT - pC;
                double logLambda = 0.5 * Math.log(v / (v + tau2)) + theta * theta * tau2 / (2 * v * (v + tau2));
                pValue = Math.min(pValue, Math.min(1, Math.exp(-logLambda)));
            }
        }
        return new Look(looks, treatment.rate() - control.rate(), pValue, decided());
    }

    public double pValue() {
        return pValue;
    }

    /** Whether the difference is established: the always-valid p-value has fallen to α or below. */
    public boolean decided() {
        return pValue <= alpha;
    }
}
