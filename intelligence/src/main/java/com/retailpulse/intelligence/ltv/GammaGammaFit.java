package com.retailpulse.intelligence.ltv;

import java.util.Objects;

/**
 * A fitted Gamma-Gamma spend model.
 *
 * @param p             shape of a transaction's value around the customer's mean
 * @param q             shape of the Gamma prior on the customers' rate nu
 * @param v             scale (gamma in the paper) of that prior
 * @param logLikelihood at the fitted parameters, over the repeat buyers
 * @param customers     how many repeat buyers the fit saw
 * @param window        the cutoff and unit of the data it saw
 */
public record GammaGammaFit(double p, double q, double v, double logLikelihood, int customers, DataWindow window) {

    public GammaGammaFit {
        for (double parameter : new double[] {p, q, v}) {
            if (!(parameter > 0) || Double.isInfinite(parameter)) {
                throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite: p " + p + ", q " + q
                        + ", v " + v);
            }
        }
        Objects.requireNonNull(window, "window");
    }

    /**
     * Expected mean transaction value of a customer with x repeat transactions averaging m: a weighted
     * average of the population mean p v / (q - 1) and the customer's own m, the more repeat transactions
     * the more weight on m. For x = 0 it is the population mean, which exists only when q &gt; 1.
     */
    public double conditionalExpectedAverageSpend(int x, double m) {
        if (x < 0 || !(m >= 0)) {
            throw new IllegalArgumentException("need x >= 0 and m >= 0, got x " + x + ", m " + m);
        }
        double denominator = p * x + q - 1;
        if (denominator <= 0) {
            throw new IllegalStateException("expected spend is infinite for x " + x + " when q = " + q + " <= 1");
        }
        return p * (v + x * m) / denominator;
    }

    public double conditionalExpectedAverageSpend(CustomerSummary customer) {
        return conditionalExpectedAverageSpend(customer.frequency(), customer.monetaryValue());
    }
}
