package com.retailpulse.intelligence.ltv;

/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) that BG/NBD's conditional expectation needs.
 * Neither commons-math3 nor Smile offers it, so it is the defining power series, which converges for
 * |z| &lt; 1; BG/NBD only calls it with z = t / (alpha + T + t) in [0, 1). For heavy buyers (a = r + x in
 * the hundreds) the terms grow far beyond a double before they shrink while the factor BG/NBD multiplies
 * them by is tiny, so the product is formed here with the sum kept as a mantissa and a log scale.
 */
final class Hypergeometric {
    private static final int MAX_TERMS = 1_000_000;
    private static final double RESCALE_ABOVE = 1e200;

    private Hypergeometric() {
    }

    /** exp(logFactor) * 2F1(a, b; c; z). */
    static double timesFactor(double logFactor, double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, got " + z);
        }
        if (c <= 0 && c == Math.rint(c)) {
            throw new IllegalArgumentException("2F1 is undefined for c = " + c + " (a non-positive integer)");
        }
        double term = 1;
        double sum = 1;
        double logScale = logFactor;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            // Before n passes -c the terms may change sign and are no guide to the tail; after it they shrink geometrically.
            if (c + n > 0 && Math.abs(term) <= 1e-17 * Math.abs(sum)) {
                return sum * Math.exp(logScale);
            }
            if (Math.abs(sum) > RESCALE_ABOVE) {
                sum /= RESCALE_ABOVE;
                term /= RESCALE_ABOVE;
                logScale += Math.log(RESCALE_ABOVE);
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") series did not converge in "
                + MAX_TERMS + " terms");
    }
}
