package com.retailpulse.intelligence.ltv;

import java.util.Objects;

/**
 * Customer lifetime value over a horizon: expected purchases (BG/NBD) times expected spend per purchase
 * (Gamma-Gamma), month by month so that later months can be discounted, as the {@code lifetimes}
 * library's {@code customer_lifetime_value} does. A month is 30 days. This is the figure the platform
 * writes into profiles.
 */
public record LifetimeValue(BgNbdFit purchases, GammaGammaFit spend) {
    static final int DAYS_PER_MONTH = 30;

    public LifetimeValue {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        if (!purchases.window().equals(spend.window())) {
            throw new IllegalArgumentException("purchase and spend models were fitted on different windows: "
                    + purchases.window() + " and " + spend.window());
        }
    }

    /**
     * Expected spend of the customer over the next {@code months}, month i discounted by
     * (1 + monthlyDiscountRate)^i; a rate of 0 gives the undiscounted expected spend.
     */
    public double expectedSpend(CustomerSummary customer, int months, double monthlyDiscountRate) {
        if (months < 0) {
            throw new IllegalArgumentException("horizon must not be negative: " + months + " months");
        }
        if (!(monthlyDiscountRate >= 0)) {
            throw new IllegalArgumentException("monthly discount rate must not be negative: " + monthlyDiscountRate);
        }
        double perPurchase = spend.conditionalExpectedAverageSpend(customer);
        PeriodUnit unit = purchases.window().unit();
        double value = 0;
        double before = 0;
        for (int month = 1; month <= months; month++) {
            double upTo = purchases.conditionalExpectedPurchases(unit.fromDays(month * DAYS_PER_MONTH), customer);
            value += perPurchase * (upTo - before) / Math.pow(1 + monthlyDiscountRate, month);
            before = upTo;
        }
        return value;
    }
}
