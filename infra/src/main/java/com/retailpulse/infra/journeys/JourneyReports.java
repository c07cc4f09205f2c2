package com.retailpulse.infra.journeys;

import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.intelligence.experiment.ArmTally;
import com.retailpulse.intelligence.experiment.ExperimentReport;
import com.retailpulse.projections.journey.JourneyCatalogue;
import com.retailpulse.projections.journey.JourneyResults;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A journey's results (docs/journeys.md) from {@link JourneyResults}: per step, the runs that reached it
 * and those waiting there now; per split step and branch, the runs that entered it, their messages after
 * the split (accepted, suppressed, delivered, opened, clicked, failed), goals reached, orders and revenue
 * within the attribution window — and the branches compared as the campaign report compares arms
 * ({@link ExperimentReport}): the branch named {@code control}, else the first, is the control; the unit is
 * a run that entered the branch (intention to treat, whatever became of its messages); a conversion is the
 * journey's goal reached, or an order within the window when the journey has no goal.
 */
@Component
class JourneyReports {

    static final String CONVERSION = "conversion";
    static final String REVENUE = "revenue";
    static final String CONTROL = "control";
    /** A mean needs a variance: branches with fewer runs are left out of the comparisons. */
    static final int MIN_UNITS = 2;

    private final JourneyResults results;

    JourneyReports(JourneyResults results) {
        this.results = results;
    }

    record NodeView(String id, String type, long reached, long waiting) {
    }

    record ArmView(String arm, long entered, long accepted, long suppressed, long delivered, long opened, long clicked, long failed,
                   long goalReached, long converted, Double conversionRate, long orders, Money revenue, Money revenuePerRun) {
    }

    record Decision(String winner, boolean stop, String rule) {
    }

    record ExperimentView(String control, String primary, double confidence, double alpha, List<ExperimentReport.Comparison> comparisons,
                          Map<String, Double> banditShares, Decision decision) {
    }

    record SplitView(String split, String control, List<ArmView> arms, ExperimentView experiment, List<String> notes) {
    }

    record ReportView(String key, String name, String state, int version, long entered, long inFlight, Map<String, Long> outcomes,
                      String conversion, String currency, Duration attributionWindow, List<NodeView> nodes, List<SplitView> splits,
                      List<String> notes) {
    }

    ReportView report(JourneyCatalogue.JourneyView journey, JourneyGraph graph, String currency, double confidence, double alpha) {
        List<JourneyResults.Run> runs = results.runs(journey.key());
        List<String> notes = new ArrayList<>();
        if (currency == null) {
            currency = mostUsedCurrency(runs);
            if (currency != null) {
                notes.add("revenue in " + currency + ", the currency of most orders; ask for another with ?currency=");
            }
        }
        boolean goal = graph.goal() != null;
        long inFlight = runs.stream().filter(r -> !r.ended()).count();
        Map<String, Long> outcomes = new TreeMap<>();
        runs.stream().filter(r -> r.outcome() != null).forEach(r -> outcomes.merge(
                r.outcome().startsWith("coupon refused") ? "coupon-refused" : r.outcome(), 1L, Long::sum));

        List<NodeView> nodes = new ArrayList<>();
        for (JourneyNode node : graph.nodes()) {
            long reached = runs.stream().filter(r -> r.steps().contains(node.id())).count();
            long waiting = node.waits() ? runs.stream().filter(r -> !r.ended() && node.id().equals(r.waitingAt())).count() : 0;
            nodes.add(new NodeView(node.id(), type(node), reached, waiting));
        }
        List<SplitView> splits = new ArrayList<>();
        for (JourneyNode node : graph.nodes()) {
            if (node instanceof JourneyNode.Split split) {
                splits.add(split(split, runs, goal, currency, confidence, alpha));
            }
        }
        if (graph.nodes().stream().noneMatch(n -> n instanceof JourneyNode.Split)) {
            notes.add("no split step: nothing to compare");
        }
        return new ReportView(journey.key(), journey.name(), journey.state(), journey.version(), runs.size(), inFlight, outcomes,
                goal ? "the journey's goal reached" : "an order within the attribution window after entering the branch",
                currency, results.attributionWindow(), nodes, splits, notes);
    }

    private SplitView split(JourneyNode.Split split, List<JourneyResults.Run> runs, boolean goal, String currency, double confidence,
                            double alpha) {
        int scale = currency == null ? 0 : fractionDigits(currency);
        Set<String> keys = new LinkedHashSet<>(split.branches().stream().map(JourneyNode.Branch::key).toList());
        runs.stream().map(r -> r.arms().get(split.id())).filter(k -> k != null).forEach(keys::add); // branches of earlier versions
        String control = keys.contains(CONTROL) ? CONTROL : split.branches().get(0).key();
        List<ArmView> arms = new ArrayList<>();
        Map<String, ArmTally> tallies = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (String key : keys) {
            List<JourneyResults.Run> in = runs.stream().filter(r -> key.equals(r.arms().get(split.id()))).toList();
            long entered = in.size();
            long goals = in.stream().filter(r -> "goal".equals(r.outcome())).count();
            long converted = goal ? goals : in.stream().filter(r -> r.orders() > 0).count();
            BigDecimal revenue = currency == null ? BigDecimal.ZERO
                    : in.stream().map(r -> r.revenue().getOrDefault(currency, BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
            double squares = currency == null ? 0 : in.stream().mapToDouble(r -> r.revenueSquares().getOrDefault(currency, 0.0)).sum();
            arms.add(new ArmView(key, entered, count(in, JourneyResults.Run::accepted), count(in, JourneyResults.Run::suppressed),
                    count(in, JourneyResults.Run::delivered), count(in, JourneyResults.Run::opened), count(in, JourneyResults.Run::clicked),
                    count(in, JourneyResults.Run::failed), goals, converted, entered == 0 ? null : (double) converted / entered,
                    in.stream().mapToLong(JourneyResults.Run::orders).sum(),
                    currency == null ? null : new Money(revenue.setScale(scale, RoundingMode.HALF_UP), currency),
                    currency == null || entered == 0 ? null
                            : new Money(revenue.divide(BigDecimal.valueOf(entered), scale, RoundingMode.HALF_UP), currency)));
            if (entered >= MIN_UNITS) {
                tallies.put(key, new ArmTally(key, entered, converted, revenue.doubleValue(), squares));
            } else {
                notes.add("branch " + key + " has " + entered + " run" + (entered == 1 ? "" : "s") + "; it is compared from " + MIN_UNITS + " on");
            }
        }
        ExperimentView experiment = null;
        if (!tallies.containsKey(control)) {
            notes.add("no comparison yet: the control branch " + control + " needs at least " + MIN_UNITS + " runs");
        } else if (tallies.size() < 2) {
            notes.add("no comparison yet: no branch besides the control has " + MIN_UNITS + " runs");
        } else {
            ExperimentReport report = ExperimentReport.of(control, CONVERSION, Map.of(CONVERSION, tallies), Map.of(REVENUE, tallies),
                    confidence, alpha);
            long treatments = tallies.size() - 1;
            String rule = "a branch wins when its conversion rate is above " + control + "'s and its always-valid p-value against "
                    + control + " is at most alpha / " + treatments + " (" + alpha / treatments + "); the highest such rate wins."
                    + " Safe to read at any time: looking early does not raise the chance of a false winner above alpha";
            experiment = new ExperimentView(control, CONVERSION, confidence, alpha, report.comparisons(), report.banditShares(),
                    new Decision(report.winner(), report.winner() != null, rule));
        }
        return new SplitView(split.id(), control, arms, experiment, notes);
    }

    private static long count(List<JourneyResults.Run> runs, java.util.function.Predicate<JourneyResults.Run> flag) {
        return runs.stream().filter(flag).count();
    }

    private static String mostUsedCurrency(List<JourneyResults.Run> runs) {
        Map<String, Long> uses = new TreeMap<>();
        runs.forEach(r -> r.revenue().keySet().forEach(c -> uses.merge(c, 1L, Long::sum)));
        return uses.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private static String type(JourneyNode node) {
        com.fasterxml.jackson.annotation.JsonSubTypes types = JourneyNode.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class);
        for (com.fasterxml.jackson.annotation.JsonSubTypes.Type type : types.value()) {
            if (type.value().equals(node.getClass())) {
                return type.name();
            }
        }
        return node.getClass().getSimpleName();
    }

    private static int fractionDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }
}
