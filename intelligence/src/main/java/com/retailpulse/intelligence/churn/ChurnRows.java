package com.retailpulse.intelligence.churn;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Labelled examples: features as of a cutoff and whether the customer churned after it.
 *
 * @param features one vector per row
 * @param churned  1 when the row's customer churned, else 0; same order as {@code features}
 */
public record ChurnRows(List<FeatureVector> features, int[] churned) {

    public ChurnRows {
        features = List.copyOf(features);
        if (features.size() != churned.length) {
            throw new IllegalArgumentException(features.size() + " rows, " + churned.length + " labels");
        }
    }

    /** Every customer who bought before the cutoff, labelled from the 90 days after it. */
    public static ChurnRows at(Instant cutoff, Map<String, List<Purchase>> byCustomer) {
        List<FeatureVector> features = PointInTimeFeatures.at(cutoff, byCustomer);
        int[] churned = features.stream()
                .mapToInt(f -> ChurnLabel.churned(byCustomer.get(f.customerId()), cutoff) ? 1 : 0)
                .toArray();
        return new ChurnRows(features, churned);
    }

    /**
     * Like {@link #at(Instant, Map)}, for customers with a bought line in the {@code activeWithin} before the
     * cutoff only: a population defined relative to the cutoff, so that rows at any cutoff are drawn like
     * those of another, whenever the data happen to start.
     */
    public static ChurnRows at(Instant cutoff, Map<String, List<Purchase>> byCustomer, Duration activeWithin) {
        Instant from = cutoff.minus(activeWithin);
        Map<String, List<Purchase>> active = byCustomer.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(p -> !p.isReturn() && !p.at().isBefore(from) && p.at().isBefore(cutoff)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return at(cutoff, active);
    }

    public static ChurnRows concat(List<ChurnRows> parts) {
        return new ChurnRows(parts.stream().flatMap(p -> p.features().stream()).toList(),
                parts.stream().flatMapToInt(p -> Arrays.stream(p.churned())).toArray());
    }

    /**
     * Splits off a random share of customers (all their rows, at every cutoff) so that a customer seen in
     * training never also scores the validation set that decides when boosting stops.
     */
    public List<ChurnRows> splitByCustomer(double heldOutShare, long seed) {
        List<String> customers = new ArrayList<>(features.stream().map(FeatureVector::customerId).distinct().sorted().toList());
        Collections.shuffle(customers, new Random(seed));
        Set<String> heldOut = new HashSet<>(customers.subList(0, (int) Math.round(customers.size() * heldOutShare)));
        List<Integer> kept = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            (heldOut.contains(features.get(i).customerId()) ? held : kept).add(i);
        }
        return List.of(select(kept), select(held));
    }

    public Set<String> customers() {
        return features.stream().map(FeatureVector::customerId).collect(Collectors.toSet());
    }

    /** The rows of these customers only, in the same order. */
    public ChurnRows ofCustomers(Set<String> customers) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (customers.contains(features.get(i).customerId())) {
                rows.add(i);
            }
        }
        return select(rows);
    }

    /** The same rows with labels permuted: a model trained on them can only have learnt noise. */
    public ChurnRows withShuffledLabels(long seed) {
        List<Integer> labels = new ArrayList<>(Arrays.stream(churned).boxed().toList());
        Collections.shuffle(labels, new Random(seed));
        return new ChurnRows(features, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    public int size() {
        return churned.length;
    }

    public double churnRate() {
        return Arrays.stream(churned).average().orElse(Double.NaN);
    }

    public double[][] matrix() {
        return features.stream().map(f -> f.values().clone()).toArray(double[][]::new);
    }

    public Stream<FeatureVector> stream() {
        return features.stream();
    }

    private ChurnRows select(List<Integer> rows) {
        return new ChurnRows(rows.stream().map(features::get).toList(), rows.stream().mapToInt(i -> churned[i]).toArray());
    }
}
