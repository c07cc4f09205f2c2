package com.retailpulse.infra.segments;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a segment definition would have done over a past period (docs/backtests.md): who was in it at each
 * checkpoint, who entered and left between two checkpoints, and whether its members went on to order more
 * than everyone else. It is told, customer by customer, whether the customer's profile as of each
 * checkpoint matched, and the customer's orders; it computes the rest. Pure: no store, no clock.
 *
 * <p>Members are measured from the first checkpoint they were in; everyone else profiled by the end from
 * the first checkpoint at which they had a profile. A customer's conversion is an order placed within the
 * conversion window after that moment.
 */
public final class SegmentBacktest {

    /** At most this many checkpoints: each one derives every customer's profile once. */
    public static final int MOST_CHECKPOINTS = 400;
    private static final int SAMPLE = 10;

    /** The period, the distance between checkpoints, and how long after entry an order counts. */
    public record Plan(Instant from, Instant to, Duration step, Duration conversionWindow) {

        public Plan {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("the period must end after it starts (from " + from + ", to " + to + ")");
            }
            if (step.isNegative() || step.isZero()) {
                throw new IllegalArgumentException("the step between checkpoints must be positive, got " + step);
            }
            long count = Duration.between(from, to).dividedBy(step) + 1;
            if (count > MOST_CHECKPOINTS) {
                throw new IllegalArgumentException("at most " + MOST_CHECKPOINTS + " checkpoints: a period of "
                        + Duration.between(from, to).toDays() + " days in steps of " + step + " gives " + count);
            }
        }

        /** The period's start, then every step after it up to and including its end. */
        public List<Instant> checkpoints() {
            List<Instant> out = new ArrayList<>();
            for (Instant at = from; !at.isAfter(to); at = at.plus(step)) {
                out.add(at);
            }
            return out;
        }
    }

    /** One checkpoint: members then, and who entered and left since the checkpoint before. */
    public record Point(Instant at, long members, long entered, long left) {
    }

    /** Orders within the window after each customer's moment: by how many of them, their count and revenue per currency. */
    public record Conversions(long customers, long converted, Double rate, long orders, Map<String, BigDecimal> revenue) {
    }

    /** A member: first and last checkpoint in, and how many times the customer entered (after the period's start). */
    public record Member(String customerId, Instant firstIn, Instant lastIn, int entries) {
    }

    public record Result(List<Point> series, long membersAtStart, long membersAtEnd, long peakMembers, Instant peakAt,
                         double averageMembers, long customersEver, long customersProfiled, long entries, long exits,
                         Conversions members, Conversions others, Double lift, List<Member> sample) {
    }

    private record Order(Instant at, String currency, BigDecimal total) {
    }

    private final Plan plan;
    private final List<Instant> checkpoints;
    private final long[] members;
    private final long[] entered;
    private final long[] left;
    /** Per customer: index of the first checkpoint profiled (-1: never), first and last in, entries. */
    private final Map<String, int[]> customers = new HashMap<>();
    private final Map<String, List<Order>> orders = new HashMap<>();

    public SegmentBacktest(Plan plan) {
        this.plan = plan;
        this.checkpoints = plan.checkpoints();
        this.members = new long[checkpoints.size()];
        this.entered = new long[checkpoints.size()];
        this.left = new long[checkpoints.size()];
    }

    public List<Instant> checkpoints() {
        return checkpoints;
    }

    /**
     * A customer's standing at every checkpoint, in checkpoint order: null where the customer had no profile
     * yet, else whether the profile matched the definition.
     */
    public void customer(String customerId, List<Boolean> standing) {
        if (standing.size() != checkpoints.size()) {
            throw new IllegalArgumentException("one standing per checkpoint: " + checkpoints.size() + ", got " + standing.size());
        }
        int firstProfiled = -1;
        int firstIn = -1;
        int lastIn = -1;
        int entries = 0;
        boolean before = false;
        for (int i = 0; i < standing.size(); i++) {
            Boolean now = standing.get(i);
            if (now != null && firstProfiled < 0) {
                firstProfiled = i;
            }
            boolean in = Boolean.TRUE.equals(now);
            if (in) {
                members[i]++;
                firstIn = firstIn < 0 ? i : firstIn;
                lastIn = i;
            }
            if (i > 0 && in && !before) {
                entered[i]++;
                entries++;
            } else if (i > 0 && !in && before) {
                left[i]++;
            }
            before = in;
        }
        if (firstProfiled >= 0) {
            customers.put(customerId, new int[] {firstProfiled, firstIn, lastIn, entries});
        }
    }

    /** An order the customer placed (at any time: only those within a window after the customer's moment count). */
    public void order(String customerId, Instant placedAt, String currency, BigDecimal total) {
        orders.computeIfAbsent(customerId, c -> new ArrayList<>()).add(new Order(placedAt, currency, total));
    }

    public Result result() {
        List<Point> series = new ArrayList<>();
        long peak = -1;
        Instant peakAt = null;
        long sum = 0;
        long entries = 0;
        long exits = 0;
        for (int i = 0; i < checkpoints.size(); i++) {
            series.add(new Point(checkpoints.get(i), members[i], entered[i], left[i]));
            if (members[i] > peak) {
                peak = members[i];
                peakAt = checkpoints.get(i);
            }
            sum += members[i];
            entries += entered[i];
            exits += left[i];
        }
        Tally in = new Tally();
        Tally out = new Tally();
        List<Member> everIn = new ArrayList<>();
        customers.forEach((id, c) -> {
            boolean member = c[1] >= 0;
            Instant moment = checkpoints.get(member ? c[1] : c[0]);
            (member ? in : out).add(orders.getOrDefault(id, List.of()), moment, plan.conversionWindow());
            if (member) {
                everIn.add(new Member(id, checkpoints.get(c[1]), checkpoints.get(c[2]), c[3]));
            }
        });
        everIn.sort(Comparator.comparing(Member::firstIn).thenComparing(Member::customerId));
        Conversions ofMembers = in.conversions();
        Conversions ofOthers = out.conversions();
        Double lift = ofMembers.rate() == null || ofOthers.rate() == null || ofOthers.rate() == 0 ? null
                : ofMembers.rate() / ofOthers.rate();
        int last = checkpoints.size() - 1;
        return new Result(series, members[0], members[last], peak, peakAt, Math.round(100.0 * sum / checkpoints.size()) / 100.0,
                everIn.size(), customers.size(), entries, exits, ofMembers, ofOthers, lift,
                List.copyOf(everIn.subList(0, Math.min(SAMPLE, everIn.size()))));
    }

    /** Conversions of one group of customers. */
    private static final class Tally {
        private long customers;
        private long converted;
        private long orders;
        private final Map<String, BigDecimal> revenue = new TreeMap<>();

        void add(List<Order> placed, Instant moment, Duration window) {
            customers++;
            Instant end = moment.plus(window);
            long within = 0;
            for (Order o : placed) {
                if (!o.at().isBefore(moment) && o.at().isBefore(end)) {
                    within++;
                    revenue.merge(o.currency(), o.total(), BigDecimal::add);
                }
            }
            orders += within;
            converted += within > 0 ? 1 : 0;
        }

        Conversions conversions() {
            return new Conversions(customers, converted, customers == 0 ? null : (double) converted / customers, orders, java.util.Collections.unmodifiableMap(new TreeMap<>(revenue)));
        }
    }
}
