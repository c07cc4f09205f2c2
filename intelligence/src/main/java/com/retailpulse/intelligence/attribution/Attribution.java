package com.retailpulse.intelligence.attribution;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Shares the credit for conversions among the touches that led to them, under several models at once
 * (docs/attribution.md).
 *
 * <p>Paths: a customer's touches are walked in time order. At each conversion the touches since the
 * previous conversion that lie within the window before it form its <em>converting path</em>; the older
 * ones form a <em>non-converting path</em>, as do the touches left after the last conversion. Only paths
 * of conversions in the period are credited; non-converting paths count (for the Markov model) when their
 * touches are in the period. A conversion without a touch in its window is counted but credited to no one.
 *
 * <p>Deterministic: histories are taken in customer order, touches and conversions in time-then-id
 * order, groups in name order, so the same input always gives the same numbers, to the last bit.
 */
public final class Attribution {

    private Attribution() {
    }

    public static AttributionResult run(Collection<CustomerHistory> histories, Set<AttributionModel> models, AttributionRules rules) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one attribution model is needed");
        }
        Set<AttributionModel> wanted = EnumSet.copyOf(models);
        Map<AttributionModel, Map<String, double[]>> credits = new TreeMap<>();
        for (AttributionModel model : wanted) {
            credits.put(model, new TreeMap<>());
        }
        MarkovChain chain = new MarkovChain();
        long conversions = 0;
        long attributed = 0;
        long converting = 0;
        long nonConverting = 0;
        double revenue = 0;
        double attributedRevenue = 0;
        List<CustomerHistory> ordered = histories.stream()
                .sorted(java.util.Comparator.comparing(CustomerHistory::customer)).toList();
        for (CustomerHistory history : ordered) {
            List<Touch> touches = history.touches();
            int next = 0;
            List<Touch> pending = new ArrayList<>();
            for (Conversion conversion : history.conversions()) {
                while (next < touches.size() && !touches.get(next).at().isAfter(conversion.at())) {
                    pending.add(touches.get(next++));
                }
                Instant windowStart = conversion.at().minus(rules.window());
                List<Touch> path = pending.stream().filter(t -> !t.at().isBefore(windowStart)).toList();
                List<Touch> expired = pending.stream().filter(t -> t.at().isBefore(windowStart) && rules.inPeriod(t.at())).toList();
                pending.clear();
                if (!expired.isEmpty()) {
                    chain.add(expired, false);
                    nonConverting++;
                }
                if (!rules.inPeriod(conversion.at())) {
                    continue;
                }
                conversions++;
                revenue += conversion.value();
                if (path.isEmpty()) {
                    continue;
                }
                attributed++;
                attributedRevenue += conversion.value();
                converting++;
                chain.add(path, true);
                for (AttributionModel model : wanted) {
                    if (model == AttributionModel.MARKOV) {
                        continue;
                    }
                    double[] shares = shares(model, path, conversion.at(), rules);
                    Map<String, double[]> byGroup = credits.get(model);
                    for (int i = 0; i < path.size(); i++) {
                        double[] sum = byGroup.computeIfAbsent(path.get(i).group(), g -> new double[2]);
                        sum[0] += shares[i];
                        sum[1] += shares[i] * conversion.value();
                    }
                }
            }
            List<Touch> left = new ArrayList<>(pending);
            touches.subList(next, touches.size()).forEach(left::add);
            List<Touch> leftInPeriod = left.stream().filter(t -> rules.inPeriod(t.at())).toList();
            if (!leftInPeriod.isEmpty()) {
                chain.add(leftInPeriod, false);
                nonConverting++;
            }
        }
        List<ModelCredits> results = new ArrayList<>();
        for (AttributionModel model : wanted) {
            if (model == AttributionModel.MARKOV) {
                results.add(chain.credits(attributed, attributedRevenue));
            } else {
                List<GroupCredit> groups = new ArrayList<>();
                credits.get(model).forEach((group, sum) -> groups.add(new GroupCredit(group, sum[0], sum[1], null)));
                results.add(new ModelCredits(model, groups));
            }
        }
        return new AttributionResult(conversions, revenue, attributed, attributedRevenue, converting, nonConverting, results);
    }

    /** Each touch's share of one conversion under a rule-based model; the shares add up to 1. */
    static double[] shares(AttributionModel model, List<Touch> path, Instant convertedAt, AttributionRules rules) {
        int n = path.size();
        double[] shares = new double[n];
        switch (model) {
            case FIRST_TOUCH -> shares[0] = 1;
            case LAST_TOUCH -> shares[n - 1] = 1;
            case LINEAR -> java.util.Arrays.fill(shares, 1.0 / n);
            case TIME_DECAY -> {
                double halfLife = rules.halfLife().toMillis();
                double total = 0;
                for (int i = 0; i < n; i++) {
                    double age = Duration.between(path.get(i).at(), convertedAt).toMillis();
                    shares[i] = Math.pow(2, -age / halfLife);
                    total += shares[i];
                }
                for (int i = 0; i < n; i++) {
                    shares[i] /= total;
                }
            }
            case POSITION_BASED -> {
                if (n == 1) {
                    shares[0] = 1;
                } else if (n == 2) {
                    shares[0] = 0.5;
                    shares[1] = 0.5;
                } else {
                    shares[0] = rules.firstShare();
                    shares[n - 1] = rules.lastShare();
                    double middle = (1 - rules.firstShare() - rules.lastShare()) / (n - 2);
                    for (int i = 1; i < n - 1; i++) {
                        shares[i] = middle;
                    }
                }
            }
            case MARKOV -> throw new IllegalArgumentException("the Markov model credits groups from all paths, not one path");
        }
        return shares;
    }
}
