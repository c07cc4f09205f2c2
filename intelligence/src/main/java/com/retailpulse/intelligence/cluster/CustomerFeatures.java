package com.retailpulse.intelligence.cluster;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a customer's purchases say about them as of a cutoff, in the raw units a marketer reads.
 * Only purchases strictly before the cutoff count.
 *
 * @param recencyDays       days from the last purchase to the cutoff
 * @param frequency         orders with at least one purchased line
 * @param monetary          value of all purchased lines (returns not deducted: they have their own feature)
 * @param averageOrderValue monetary / frequency
 * @param distinctProducts  different products bought
 * @param returnShare       value returned / value bought, capped at 1 (returns of items bought before
 *                          the data start can exceed what the data show bought)
 * @param tenureDays        days from the first purchase to the cutoff
 */
public record CustomerFeatures(double recencyDays, int frequency, double monetary, double averageOrderValue,
                               int distinctProducts, double returnShare, double tenureDays) {
    private static final double SECONDS_PER_DAY = 86_400;

    public CustomerFeatures {
        if (frequency < 1 || distinctProducts < 1) {
            throw new IllegalArgumentException("a customer has at least one order and one product: frequency " + frequency
                    + ", distinct products " + distinctProducts);
        }
        if (!(recencyDays >= 0) || !(tenureDays >= recencyDays) || !(monetary >= 0) || !(averageOrderValue >= 0)
                || !(returnShare >= 0 && returnShare <= 1)) {
            throw new IllegalArgumentException("features out of range: recency " + recencyDays + ", tenure " + tenureDays
                    + ", monetary " + monetary + ", average order " + averageOrderValue + ", return share " + returnShare);
        }
    }

    /** The features of one customer's purchases before the cutoff, or empty when they bought nothing before it. */
    public static Optional<CustomerFeatures> asOf(Collection<Purchase> purchases, Instant cutoff) {
        Instant first = null;
        Instant last = null;
        Set<String> orders = new HashSet<>();
        Set<String> products = new HashSet<>();
        double bought = 0;
        double returned = 0;
        for (Purchase purchase : purchases) {
            if (!purchase.at().isBefore(cutoff)) {
                continue;
            }
            if (purchase.isReturn()) {
                returned -= purchase.amount();
                continue;
            }
            bought += purchase.amount();
            orders.add(purchase.orderId());
            products.add(purchase.sku());
            first = first == null || purchase.at().isBefore(first) ? purchase.at() : first;
            last = last == null || purchase.at().isAfter(last) ? purchase.at() : last;
        }
        if (orders.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CustomerFeatures(days(last, cutoff), orders.size(), bought, bought / orders.size(),
                products.size(), bought > 0 ? Math.min(1, returned / bought) : 0, days(first, cutoff)));
    }

    /** Features of every customer who bought before the cutoff, by customer id. */
    public static SortedMap<String, CustomerFeatures> allAsOf(Collection<Purchase> purchases, Instant cutoff) {
        Map<String, List<Purchase>> byCustomer = purchases.stream().collect(Collectors.groupingBy(Purchase::customerId));
        SortedMap<String, CustomerFeatures> features = new TreeMap<>();
        byCustomer.forEach((customer, history) -> asOf(history, cutoff).ifPresent(f -> features.put(customer, f)));
        return features;
    }

    private static double days(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() / SECONDS_PER_DAY;
    }
}
