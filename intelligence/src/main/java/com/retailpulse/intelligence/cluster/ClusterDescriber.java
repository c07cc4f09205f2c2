package com.retailpulse.intelligence.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names clusters the way a marketer talks about segments: recency, frequency and spend always (an RFM
 * phrase such as "Recent, frequent big spenders"), then what else sets the cluster apart. Levels come from
 * the cluster's mean standardised feature, i.e. how far the cluster sits from the population in standard
 * deviations: a quarter either side is high or low. The bar is low because a cluster holding half the
 * customers cannot sit far from their mean (on Online Retail the lapsed half of k = 2 is at +0.43 on
 * recency although its mean recency is 129 days against the other half's 36). Further traits are named
 * when they are at least three quarters of a standard deviation off, and, for clusters that would
 * otherwise share a name, in order of how far off they are until the names differ.
 */
final class ClusterDescriber {
    private static final double NOTABLE = 0.25;
    private static final double STRIKING = 0.75;
    private static final List<Feature> TRAITS = List.of(Feature.AVERAGE_ORDER_VALUE, Feature.DISTINCT_PRODUCTS,
            Feature.RETURN_SHARE, Feature.TENURE_DAYS);

    private ClusterDescriber() {
    }

    /**
     * @param z     per cluster, the members' mean standardised features ({@link Feature} order)
     * @param means per cluster, the members' mean raw features
     */
    static List<String> describe(double[][] z, List<Map<Feature, Double>> means) {
        int k = z.length;
        List<String> cores = new ArrayList<>();
        List<Set<Feature>> traits = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            cores.add(core(z[c], means.get(c)));
            Set<Feature> striking = new LinkedHashSet<>();
            for (Feature trait : byDistance(z[c])) {
                if (Math.abs(z[c][trait.ordinal()]) >= STRIKING) {
                    striking.add(trait);
                }
            }
            traits.add(striking);
        }
        List<String> names = names(cores, traits, z);
        for (int round = 0; round < TRAITS.size() && hasDuplicates(names); round++) {
            Map<String, Integer> counts = counts(names);
            for (int c = 0; c < k; c++) {
                if (counts.get(names.get(c)) > 1) {
                    for (Feature trait : byDistance(z[c])) {
                        if (traits.get(c).add(trait)) {
                            break;
                        }
                    }
                }
            }
            names = names(cores, traits, z);
        }
        if (hasDuplicates(names)) {
            for (int c = 0; c < k; c++) {
                names.set(c, names.get(c) + " (group " + (c + 1) + ")");
            }
        }
        return names;
    }

    private static String core(double[] z, Map<Feature, Double> means) {
        String recency = level(z[Feature.RECENCY_DAYS.ordinal()], "Recent", "Cooling", "Lapsed");
        String frequency = means.get(Feature.FREQUENCY) < 1.5 ? "one-time"
                : level(z[Feature.FREQUENCY.ordinal()], "infrequent", "occasional", "frequent");
        String spend = level(z[Feature.MONETARY.ordinal()], "low spenders", "mid spenders", "big spenders");
        return recency + ", " + frequency + " " + spend;
    }

    private static String trait(Feature feature, double z) {
        boolean high = z > 0;
        return switch (feature) {
            case AVERAGE_ORDER_VALUE -> high ? "large orders" : "small orders";
            case DISTINCT_PRODUCTS -> high ? "wide range of products" : "narrow range of products";
            case RETURN_SHARE -> high ? "many returns" : "few returns";
            case TENURE_DAYS -> high ? "long-standing" : "new";
            default -> throw new IllegalArgumentException(feature + " is part of the RFM phrase, not a trait");
        };
    }

    private static String level(double z, String low, String middle, String high) {
        return z <= -NOTABLE ? low : z >= NOTABLE ? high : middle;
    }

    private static List<Feature> byDistance(double[] z) {
        return TRAITS.stream().sorted(Comparator.comparingDouble(f -> -Math.abs(z[f.ordinal()]))).toList();
    }

    private static List<String> names(List<String> cores, List<Set<Feature>> traits, double[][] z) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cores.size(); c++) {
            int cluster = c;
            List<String> words = traits.get(c).stream().map(f -> trait(f, z[cluster][f.ordinal()])).toList();
            names.add(words.isEmpty() ? cores.get(c) : cores.get(c) + " (" + String.join(", ", words) + ")");
        }
        return names;
    }

    private static boolean hasDuplicates(List<String> names) {
        return Set.copyOf(names).size() < names.size();
    }

    private static Map<String, Integer> counts(List<String> names) {
        Map<String, Integer> counts = new HashMap<>();
        names.forEach(name -> counts.merge(name, 1, Integer::sum));
        return counts;
    }
}
