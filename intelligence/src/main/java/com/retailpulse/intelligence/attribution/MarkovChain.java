package com.retailpulse.intelligence.attribution;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The data-driven model: a first-order Markov chain over the groups of all paths (start → touch groups →
 * conversion or null), with transition probabilities counted from the paths. The probability of reaching
 * conversion from the start is the solution of the absorbing chain's linear system; a group's removal
 * effect is the share of that probability lost when the group is removed (every transition into it going
 * to null instead). Credits are the removal effects normalised to the attributed conversions and revenue.
 */
final class MarkovChain {

    private static final String START = "(start)";
    private static final String CONVERSION = "(conversion)";
    private static final String NULL = "(null)";

    /** from → (to → count), both in name order. */
    private final Map<String, Map<String, Long>> transitions = new TreeMap<>();
    private final TreeSet<String> groups = new TreeSet<>();

    void add(List<Touch> path, boolean converted) {
        String from = START;
        for (Touch touch : path) {
            count(from, touch.group());
            groups.add(touch.group());
            from = touch.group();
        }
        count(from, converted ? CONVERSION : NULL);
    }

    private void count(String from, String to) {
        transitions.computeIfAbsent(from, f -> new TreeMap<>()).merge(to, 1L, Long::sum);
    }

    /** Probability of reaching conversion from the start, with {@code removed} (if not null) taken out. */
    double conversionProbability(String removed) {
        List<String> states = new ArrayList<>(groups);
        int n = states.size();
        if (n == 0) {
            return 0;
        }
        RealMatrix system = new Array2DRowRealMatrix(n, n);
        RealVector toConversion = new ArrayRealVector(n);
        for (int i = 0; i < n; i++) {
            system.setEntry(i, i, 1);
            String state = states.get(i);
            if (state.equals(removed)) {
                continue; // an absorbing null: it never converts
            }
            Map<String, Long> out = transitions.getOrDefault(state, Map.of());
            double total = out.values().stream().mapToLong(Long::longValue).sum();
            for (Map.Entry<String, Long> e : out.entrySet()) {
                double p = e.getValue() / total;
                if (e.getKey().equals(CONVERSION)) {
                    toConversion.addToEntry(i, p);
                } else if (!e.getKey().equals(NULL)) {
                    int j = states.indexOf(e.getKey());
                    system.addToEntry(i, j, -p);
                }
            }
        }
        RealVector reach = new LUDecomposition(system).getSolver().solve(toConversion);
        Map<String, Long> first = transitions.getOrDefault(START, Map.of());
        double total = first.values().stream().mapToLong(Long::longValue).sum();
        double probability = 0;
        for (Map.Entry<String, Long> e : first.entrySet()) {
            if (!e.getKey().equals(removed)) {
                probability += e.getValue() / total * reach.getEntry(states.indexOf(e.getKey()));
            }
        }
        return probability;
    }

    ModelCredits credits(long attributedConversions, double attributedRevenue) {
        double base = conversionProbability(null);
        Map<String, Double> effects = new TreeMap<>();
        double sum = 0;
        for (String group : groups) {
            double effect = base == 0 ? 0 : Math.max(0, 1 - conversionProbability(group) / base);
            effects.put(group, effect);
            sum += effect;
        }
        List<GroupCredit> credits = new ArrayList<>();
        for (Map.Entry<String, Double> e : effects.entrySet()) {
            double share = sum == 0 ? 0 : e.getValue() / sum;
            credits.add(new GroupCredit(e.getKey(), share * attributedConversions, share * attributedRevenue, e.getValue()));
        }
        return new ModelCredits(AttributionModel.MARKOV, credits);
    }
}
