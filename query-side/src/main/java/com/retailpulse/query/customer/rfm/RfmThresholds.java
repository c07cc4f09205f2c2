package com.retailpulse.query.customer.rfm;

import com.retailpulse.projections.profile.ProfileIndex.RfmValues;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Population quintiles of the raw RFM values, and the 1–5 scores they give. For each measure the
 * values of every customer with at least one order are sorted ascending; the four cut points are the
 * values at the nearest ranks ⌈k·n/5⌉, k = 1..4; a value scores 1 + the number of cut points it
 * exceeds. Recency is ranked on the last order's time (later is better), so scores do not drift as
 * days pass without a recomputation. Equal values always get equal scores.
 */
public record RfmThresholds(List<Instant> recencyCuts, List<Long> frequencyCuts, List<BigDecimal> monetaryCuts,
                            long population, Instant computedAt) {

    public static final RfmThresholds NONE = new RfmThresholds(List.of(), List.of(), List.of(), 0, null);

    public static RfmThresholds of(List<RfmValues> values, Instant now) {
        if (values.isEmpty()) {
            return new RfmThresholds(List.of(), List.of(), List.of(), 0, now);
        }
        return new RfmThresholds(cuts(values, RfmValues::lastOrderAt), cuts(values, RfmValues::frequency),
                cuts(values, RfmValues::monetary), values.size(), now);
    }

    private static <T extends Comparable<T>> List<T> cuts(List<RfmValues> values, Function<RfmValues, T> measure) {
        List<T> sorted = values.stream().map(measure).sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return java.util.stream.IntStream.rangeClosed(1, 4)
                .mapToObj(k -> sorted.get((int) Math.ceil(k * n / 5.0) - 1))
                .toList();
    }

    /** The scores of one customer, or null when there is no population yet or the customer never ordered. */
    public RfmScore score(Instant lastOrderAt, long frequency, BigDecimal monetary) {
        if (population == 0 || lastOrderAt == null || frequency < 1) {
            return null;
        }
        int r = rank(recencyCuts, lastOrderAt);
        int f = rank(frequencyCuts, frequency);
        int m = rank(monetaryCuts, monetary);
        return new RfmScore(r, f, m, RfmGroup.of(r, f));
    }

    private static <T extends Comparable<T>> int rank(List<T> cuts, T value) {
        return 1 + (int) cuts.stream().filter(cut -> value.compareTo(cut) > 0).count();
    }

    public record RfmScore(int r, int f, int m, RfmGroup group) {
    }
}
