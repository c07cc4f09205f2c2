package com.retailpulse.intelligence.ltv;

import org.apache.commons.math3.special.Gamma;

import java.util.Comparator;
import java.util.List;

/**
 * Fits the Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; Fader &amp; Hardie's note
 * "The Gamma-Gamma Model of Monetary Value") by maximum likelihood on the repeat buyers' mean repeat
 * transaction value: each transaction's value is Gamma(p, nu) around the customer's own mean spend, and
 * nu varies across customers as Gamma(q, gamma) (here {@code v} for gamma). Customers without repeat
 * transactions carry no spend information for it and are left out, as in the published fit.
 */
public final class GammaGamma {
    private static final String[] PARAMETERS = {"p", "q", "v"};

    private GammaGamma() {
    }

    public static GammaGammaFit fit(CustomerSummaries population) {
        List<CustomerSummary> repeatBuyers = population.repeatBuyers();
        if (repeatBuyers.isEmpty()) {
            throw new IllegalArgumentException("Gamma-Gamma needs repeat buyers; none of the " + population.size()
                    + " customers bought twice before " + population.window().cutoff());
        }
        for (CustomerSummary buyer : repeatBuyers) {
            if (!(buyer.monetaryValue() > 0)) {
                throw new IllegalArgumentException("Gamma-Gamma needs a positive mean spend for every repeat buyer; "
                        + buyer.customerId() + " has " + buyer.monetaryValue());
            }
        }
        // Ordered by x so the log-gamma terms are computed once per distinct x in each evaluation.
        List<CustomerSummary> byFrequency = repeatBuyers.stream()
                .sorted(Comparator.comparingInt(CustomerSummary::frequency)).toList();
        int[] x = byFrequency.stream().mapToInt(CustomerSummary::frequency).toArray();
        double[] m = byFrequency.stream().mapToDouble(CustomerSummary::monetaryValue).toArray();
        double[] fitted = MaximumLikelihood.maximise("Gamma-Gamma", PARAMETERS, params -> logLikelihood(params, x, m));
        return new GammaGammaFit(fitted[0], fitted[1], fitted[2], logLikelihood(fitted, x, m), repeatBuyers.size(),
                population.window());
    }

    /** Sum over customers of the log density of their mean spend m given x (with the Jacobian of the mean). */
    private static double logLikelihood(double[] params, int[] x, double[] m) {
        double p = params[0];
        double q = params[1];
        double v = params[2];
        double perCustomer = -Gamma.logGamma(q) + q * Math.log(v);
        double sum = 0;
        double perFrequency = 0;
        for (int i = 0; i < x.length; i++) {
            double px = p * x[i];
            if (i == 0 || x[i] != x[i - 1]) {
                perFrequency = Gamma.logGamma(px + q) - Gamma.logGamma(px) + px * Math.log(x[i]);
            }
            sum += perCustomer + perFrequency + (px - 1) * Math.log(m[i]) - (px + q) * Math.log(x[i] * m[i] + v);
        }
        return sum;
    }
}
