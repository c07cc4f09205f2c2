package com.retailpulse.intelligence.ltv;

import com.retailpulse.intelligence.data.Purchase;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A customer's purchase history reduced to what BG/NBD and Gamma-Gamma need, as of a {@link DataWindow}.
 * Follows the {@code lifetimes} convention: purchases on one day are one transaction (their values add
 * up), returned lines are not purchases, and the first transaction only marks the customer's birth, so
 * frequency and monetary value describe the <em>repeat</em> transactions.
 *
 * @param customerId    the customer
 * @param frequency     x, the number of repeat transactions (days with a purchase after the first)
 * @param recency       t_x, from the first to the last transaction, in the window's unit
 * @param age           T, from the first transaction to the end of the observation period, in the window's unit
 * @param monetaryValue mean value of the repeat transactions; 0 when there are none
 */
public record CustomerSummary(String customerId, int frequency, double recency, double age, double monetaryValue) {

    public CustomerSummary {
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency of " + customerId + " must not be negative: " + frequency);
        }
        if (!(recency >= 0) || !(age >= recency)) {
            throw new IllegalArgumentException("recency and age of " + customerId
                    + " must satisfy 0 <= recency <= age: recency " + recency + ", age " + age);
        }
        if (!(monetaryValue >= 0) || Double.isInfinite(monetaryValue)) {
            throw new IllegalArgumentException("monetary value of " + customerId + " must be finite and not negative: "
                    + monetaryValue);
        }
        if (frequency == 0 && (recency != 0 || monetaryValue != 0)) {
            throw new IllegalArgumentException("a customer without repeat transactions has recency and monetary value 0: "
                    + customerId);
        }
    }

    /**
     * The summary of one customer's purchases that fall in the window, or empty when none does.
     * Purchases of other customers in {@code purchases} are a caller error and rejected.
     */
    public static Optional<CustomerSummary> asOf(String customerId, Collection<Purchase> purchases, DataWindow window) {
        TreeMap<LocalDate, Double> valueByDay = new TreeMap<>();
        for (Purchase purchase : purchases) {
            if (!purchase.customerId().equals(customerId)) {
                throw new IllegalArgumentException("purchase of " + purchase.customerId() + " in the history of " + customerId);
            }
            if (purchase.isReturn() || !window.observes(purchase.at())) {
                continue;
            }
            valueByDay.merge(LocalDate.ofInstant(purchase.at(), ZoneOffset.UTC), purchase.amount(), Double::sum);
        }
        if (valueByDay.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = valueByDay.firstKey();
        int frequency = valueByDay.size() - 1;
        double repeatValue = valueByDay.tailMap(first, false).values().stream().mapToDouble(Double::doubleValue).sum();
        PeriodUnit unit = window.unit();
        return Optional.of(new CustomerSummary(customerId, frequency,
                unit.fromDays(ChronoUnit.DAYS.between(first, valueByDay.lastKey())),
                unit.fromDays(ChronoUnit.DAYS.between(first, window.lastObservedDay())),
                frequency == 0 ? 0 : repeatValue / frequency));
    }
}
