package com.retailpulse.intelligence.churn;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Churn features as of a cutoff, from purchases strictly before it. The same code builds training rows
 * offline and the vector the platform scores online, so the two cannot drift apart.
 */
public final class PointInTimeFeatures {
    /** Bump the version whenever a definition in {@link ChurnFeature} changes without a rename. */
    public static final FeatureSchema SCHEMA = new FeatureSchema("churn-features", 1,
            Arrays.stream(ChurnFeature.values()).map(ChurnFeature::featureName).toList());

    private PointInTimeFeatures() {
    }

    /** The customer's vector, or empty when they had bought nothing before the cutoff. */
    public static Optional<FeatureVector> of(String customerId, Collection<Purchase> history, Instant cutoff) {
        return HistoryBeforeCutoff.of(history, cutoff).map(h -> {
            double[] values = new double[SCHEMA.size()];
            for (ChurnFeature feature : ChurnFeature.values()) {
                values[feature.ordinal()] = feature.of(h);
            }
            return new FeatureVector(customerId, cutoff, SCHEMA, values);
        });
    }

    /** One vector per customer who bought before the cutoff, ordered by customer id. */
    public static List<FeatureVector> at(Instant cutoff, Map<String, List<Purchase>> byCustomer) {
        List<FeatureVector> vectors = new ArrayList<>();
        new TreeMap<>(byCustomer).forEach((customer, history) -> of(customer, history, cutoff).ifPresent(vectors::add));
        return vectors;
    }

    public static Map<String, List<Purchase>> byCustomer(Collection<Purchase> purchases) {
        return purchases.stream().collect(Collectors.groupingBy(Purchase::customerId));
    }
}
