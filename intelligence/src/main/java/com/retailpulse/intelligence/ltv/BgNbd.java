package com.retailpulse.intelligence.ltv;

import org.apache.commons.math3.special.Gamma;

import java.util.Comparator;
import java.util.List;

/**
 * Fits the BG/NBD repeat-purchase model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy
 * way") by maximum likelihood: while alive a customer buys at a Poisson rate drawn from Gamma(r, alpha),
 * and after each purchase drops out with a probability drawn from Beta(a, b).
 * <p>
 * When the calibration period shows no sign of dropout (Online Retail's nine months up to September
 * 2011 do not), the likelihood keeps rising as the mean dropout a / (a + b) goes to 0 and a or b runs
 * off to 0 or infinity; the plain fit then fails. A dropout penalty subtracts
 * {@code penalty * (ln(a)^2 + ln(b)^2)}, a weak log-normal prior that keeps a and b finite while
 * barely moving the likelihood (the {@code lifetimes} library's {@code penalizer_coef} plays this role).
 */
public final class BgNbd {
    private static final String[] PARAMETERS = {"r", "alpha", "a", "b"};

    private BgNbd() {
    }

    /** The maximum likelihood fit; fails when the data do not identify dropout. */
    public static BgNbdFit fit(CustomerSummaries population) {
        return fit(population, 0);
    }

    /** The fit maximising the likelihood less {@code dropoutPenalty * (ln(a)^2 + ln(b)^2)}. */
    public static BgNbdFit fit(CustomerSummaries population, double dropoutPenalty) {
        if (!(dropoutPenalty >= 0) || Double.isInfinite(dropoutPenalty)) {
            throw new IllegalArgumentException("dropout penalty must be finite and not negative: " + dropoutPenalty);
        }
        List<CustomerSummary> customers = population.customers();
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("BG/NBD needs at least one customer; the population as of "
                    + population.window().cutoff() + " is empty");
        }
        if (customers.stream().allMatch(c -> c.frequency() == 0)) {
            throw new IllegalArgumentException("BG/NBD needs repeat purchases to fit dropout; none of the "
                    + customers.size() + " customers bought twice before " + population.window().cutoff());
        }
        // Times are rescaled so the oldest customer is 10 units old: the search then starts near alpha's
        // scale whatever the unit (days put alpha in the tens, weeks near 1), as lifetimes does.
        double scale = 10 / customers.stream().mapToDouble(CustomerSummary::age).max().orElseThrow();
        if (!Double.isFinite(scale)) {
            scale = 1;
        }
        Columns scaled = new Columns(customers, scale);
        double[] p;
        try {
            p = MaximumLikelihood.maximise("BG/NBD", PARAMETERS, params -> scaled.total(params[0], params[1], params[2], params[3])
                    - dropoutPenalty * (square(Math.log(params[2])) + square(Math.log(params[3]))));
        } catch (ModelFitException e) {
            throw new ModelFitException(e.getMessage() + "; with dropout penalty " + dropoutPenalty
                    + " (a penalty such as 0.1 keeps a and b finite when the data show no dropout)", e);
        }
        double r = p[0];
        double alpha = p[1] / scale;
        double a = p[2];
        double b = p[3];
        return new BgNbdFit(r, alpha, a, b, new Columns(customers, 1).total(r, alpha, a, b), dropoutPenalty,
                customers.size(), population.window());
    }

    private static double square(double value) {
        return value * value;
    }

    /** The log-likelihood of one customer's (x, t_x, T) under the parameters (FHL 2005, eq. 6, in logs). */
    static double logLikelihood(double r, double alpha, double a, double b, int x, double recency, double age) {
        return logLikelihood(r, alpha, a, b, x, recency, age, common(r, alpha, a, b, x));
    }

    /** The part of the log-likelihood that depends on x but not on t_x and T. */
    private static double common(double r, double alpha, double a, double b, int x) {
        return Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha)
                + Gamma.logGamma(b + x) - Gamma.logGamma(b) + Gamma.logGamma(a + b) - Gamma.logGamma(a + b + x);
    }

    private static double logLikelihood(double r, double alpha, double a, double b, int x, double recency, double age,
                                        double common) {
        double survived = -(r + x) * Math.log(alpha + age);
        if (x == 0) {
            return common + survived;
        }
        double droppedOut = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency);
        double max = Math.max(survived, droppedOut);
        return common + max + Math.log(Math.exp(survived - max) + Math.exp(droppedOut - max));
    }

    /**
     * The population as arrays ordered by x, so each of the optimiser's thousands of evaluations computes
     * the log-gamma terms once per distinct x (a few dozen) instead of once per customer.
     */
    private static final class Columns {
        private final int[] frequency;
        private final double[] recency;
        private final double[] age;

        Columns(List<CustomerSummary> customers, double scale) {
            List<CustomerSummary> byFrequency = customers.stream()
                    .sorted(Comparator.comparingInt(CustomerSummary::frequency)).toList();
            frequency = byFrequency.stream().mapToInt(CustomerSummary::frequency).toArray();
            recency = byFrequency.stream().mapToDouble(c -> c.recency() * scale).toArray();
            age = byFrequency.stream().mapToDouble(c -> c.age() * scale).toArray();
        }

        double total(double r, double alpha, double a, double b) {
            double sum = 0;
            double common = 0;
            for (int i = 0; i < frequency.length; i++) {
                if (i == 0 || frequency[i] != frequency[i - 1]) {
                    common = common(r, alpha, a, b, frequency[i]);
                }
                sum += logLikelihood(r, alpha, a, b, frequency[i], recency[i], age[i], common);
            }
            return sum;
        }
    }
}
