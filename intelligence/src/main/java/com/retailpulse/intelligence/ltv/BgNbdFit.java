package com.retailpulse.intelligence.ltv;

import java.util.Objects;

/**
 * A fitted BG/NBD model and what it predicts for a customer summarised in the same {@link DataWindow}
 * (times in {@code window.unit()}).
 *
 * @param r             shape of the Gamma prior on the purchase rate
 * @param alpha         scale of that prior, in the window's unit (mean rate r / alpha per unit)
 * @param a             first shape of the Beta prior on the dropout probability
 * @param b             second shape of that prior (mean dropout a / (a + b) per purchase)
 * @param logLikelihood at the fitted parameters, over the fitted population (without the penalty)
 * @param dropoutPenalty the weight of the prior on ln(a) and ln(b) the fit used; 0 for maximum likelihood
 * @param customers     how many customers the fit saw
 * @param window        the cutoff and unit of the data it saw
 */
public record BgNbdFit(double r, double alpha, double a, double b, double logLikelihood, double dropoutPenalty, int customers,
                       DataWindow window) {

    public BgNbdFit {
        for (double parameter : new double[] {r, alpha, a, b}) {
            if (!(parameter > 0) || Double.isInfinite(parameter)) {
                throw new IllegalArgumentException("BG/NBD parameters must be positive and finite: r " + r + ", alpha "
                        + alpha + ", a " + a + ", b " + b);
            }
        }
        if (!(dropoutPenalty >= 0)) {
            throw new IllegalArgumentException("dropout penalty must not be negative: " + dropoutPenalty);
        }
        Objects.requireNonNull(window, "window");
    }

    /**
     * Expected number of transactions in the next {@code t} units of a customer with x repeat transactions,
     * the last at t_x, observed for T (FHL 2005, eq. 10).
     */
    public double conditionalExpectedPurchases(double t, int x, double recency, double age) {
        requireHistory(x, recency, age);
        if (t < 0) {
            throw new IllegalArgumentException("horizon t must not be negative: " + t);
        }
        double z = t / (alpha + age + t);
        double logPower = (r + x) * Math.log((alpha + age) / (alpha + age + t));
        double remaining = 1 - Hypergeometric.timesFactor(logPower, r + x, b + x, a + b + x - 1, z);
        return (a + b + x - 1) / (a - 1) * remaining * probabilityAlive(x, recency, age);
    }

    public double conditionalExpectedPurchases(double t, CustomerSummary customer) {
        return conditionalExpectedPurchases(t, customer.frequency(), customer.recency(), customer.age());
    }

    /** Probability that a customer with this history has not dropped out by T (FHL 2005, eq. 13). */
    public double probabilityAlive(int x, double recency, double age) {
        requireHistory(x, recency, age);
        if (x == 0) {
            return 1;
        }
        double logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + age) / (alpha + recency));
        return 1 / (1 + Math.exp(logOdds));
    }

    public double probabilityAlive(CustomerSummary customer) {
        return probabilityAlive(customer.frequency(), customer.recency(), customer.age());
    }

    private static void requireHistory(int x, double recency, double age) {
        if (x < 0 || !(recency >= 0) || !(age >= recency)) {
            throw new IllegalArgumentException("need x >= 0 and 0 <= t_x <= T, got x " + x + ", t_x " + recency + ", T " + age);
        }
    }
}
