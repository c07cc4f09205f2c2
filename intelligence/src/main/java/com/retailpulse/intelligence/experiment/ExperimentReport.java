package com.retailpulse.intelligence.experiment;

import org.apache.commons.math3.random.Well19937c;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every arm against the control on every metric: rates (visit, conversion) with the difference, Newcombe
 * interval, z-test p-value, always-valid p-value and the Bayesian probability to beat the control; means
 * (spend per customer) with Welch's interval and p-value. Also, on the primary rate metric, the share of
 * traffic a Thompson-sampling bandit would give each arm now, and the winner when one is established:
 * the arm with the highest rate whose always-valid p-value against the control is below α divided by
 * the number of treatment arms (Bonferroni), so that looking at the report any number of times keeps
 * the chance of a false winner below α.
 *
 * @param control     the control arm
 * @param primary     the rate metric that decides the winner
 * @param rates       rate metric → arm → tally (conversions are the yeses)
 * @param means       mean metric → arm → tally (value sums)
 * @param comparisons one line per treatment arm and metric
 * @param banditShares arm → share of traffic Thompson sampling would give it on the primary metric
 * @param winner      the established winner on the primary metric, or null
 */
public record ExperimentReport(String control, String primary, Map<String, Map<String, ArmTally>> rates,
                               Map<String, Map<String, ArmTally>> means, List<Comparison> comparisons,
                               Map<String, Double> banditShares, String winner) {

    /**
     * One treatment arm against the control on one metric. For a mean metric the rate fields hold the mean,
     * and {@code alwaysValidPValue} and {@code probabilityToBeatControl} are NaN.
     */
    public record Comparison(String arm, String metric, long units, double control, double treatment, double difference,
                             double lower, double upper, double relativeUplift, double pValue, double alwaysValidPValue,
                             double probabilityToBeatControl) {
    }

    public static ExperimentReport of(String control, String primary, Map<String, Map<String, ArmTally>> rates,
                                      Map<String, Map<String, ArmTally>> means, double confidence, double alpha) {
        Objects.requireNonNull(rates.get(primary), "the primary metric " + primary + " must be a rate metric");
        List<Comparison> comparisons = new ArrayList<>();
        rates.forEach((metric, arms) -> {
            ArmTally c = requireControl(control, metric, arms);
            arms.values().stream().filter(a -> !a.arm().equals(control)).forEach(t -> {
                ProportionComparison p = ProportionComparison.of(c, t, confidence);
                SequentialTest sequential = new SequentialTest(alpha, SequentialTest.DEFAULT_MIXTURE_SD);
                comparisons.add(new Comparison(t.arm(), metric, t.units(), p.controlRate(), p.treatmentRate(), p.difference(),
                        p.lower(), p.upper(), p.relativeUplift(), p.pValue(), sequential.look(c, t).pValue(),
                        ProbabilityToBeat.of(c, t)));
            });
        });
        means.forEach((metric, arms) -> {
            ArmTally c = requireControl(control, metric, arms);
            arms.values().stream().filter(a -> !a.arm().equals(control)).forEach(t -> {
                MeanComparison m = MeanComparison.of(c, t, confidence);
                comparisons.add(new Comparison(t.arm(), metric, t.units(), m.controlMean(), m.treatmentMean(), m.difference(),
                        m.lower(), m.upper(), m.relativeUplift(), m.pValue(), Double.NaN, Double.NaN));
            });
        });
        List<ArmTally> primaryArms = List.copyOf(rates.get(primary).values());
        Map<String, Double> shares = ThompsonSampling.shares(primaryArms, 10_000, new Well19937c(7));
        long treatments = primaryArms.size() - 1;
        String winner = comparisons.stream()
                .filter(c -> c.metric().equals(primary) && c.difference() > 0 && c.alwaysValidPValue() <= alpha / treatments)
                .max(java.util.Comparator.comparingDouble(Comparison::treatment))
                .map(Comparison::arm).orElse(null);
        return new ExperimentReport(control, primary, copy(rates), copy(means), List.copyOf(comparisons), shares, winner);
    }

    public Comparison comparison(String arm, String metric) {
        return comparisons.stream().filter(c -> c.arm().equals(arm) && c.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no comparison of " + arm + " on " + metric));
    }

    private static ArmTally requireControl(String control, String metric, Map<String, ArmTally> arms) {
        ArmTally c = arms.get(control);
        if (c == null) {
            throw new IllegalArgumentException("metric " + metric + " has no tally for the control arm " + control);
        }
        return c;
    }

    private static Map<String, Map<String, ArmTally>> copy(Map<String, Map<String, ArmTally>> byMetric) {
        Map<String, Map<String, ArmTally>> out = new LinkedHashMap<>();
        byMetric.forEach((m, arms) -> out.put(m, Map.copyOf(arms)));
        return out;
    }
}
