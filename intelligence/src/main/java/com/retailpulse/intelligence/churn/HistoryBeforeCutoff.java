package com.retailpulse.intelligence.churn;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one customer's history looked like at a cutoff, built from purchases strictly before it and
 * nothing else: the only door through which features see data, so no feature can leak the future.
 * An order is a purchase order when it has at least one bought line; return-only orders (the
 * cancellation invoices of Online Retail) only add to the returned value.
 */
final class HistoryBeforeCutoff {
    private static final double SECONDS_PER_DAY = 86_400.0;

    final Instant cutoff;
    /** Purchase orders, oldest first. */
    final List<Order> orders;
    final double grossValue;
    final double returnedValue;
    final long units;
    final long lines;
    final int distinctProducts;
    final int activeMonths;
    private final List<Purchase> seen;

    record Order(Instant at, double gross) {
    }

    private HistoryBeforeCutoff(Instant cutoff, List<Purchase> seen, List<Order> orders) {
        this.cutoff = cutoff;
        this.seen = seen;
        this.orders = orders;
        double gross = 0;
        double returned = 0;
        long units = 0;
        long lines = 0;
        Set<String> products = new HashSet<>();
        for (Purchase p : seen) {
            if (p.isReturn()) {
                returned -= p.amount();
            } else {
                gross += p.amount();
                units += p.quantity();
                lines++;
                products.add(p.sku());
            }
        }
        this.grossValue = gross;
        this.returnedValue = returned;
        this.units = units;
        this.lines = lines;
        this.distinctProducts = products.size();
        this.activeMonths = (int) orders.stream().map(o -> YearMonth.from(o.at().atOffset(ZoneOffset.UTC))).distinct().count();
    }

    /** Empty when the customer had bought nothing before the cutoff: such a customer gets no features. */
    static Optional<HistoryBeforeCutoff> of(Collection<Purchase> history, Instant cutoff) {
        List<Purchase> seen = history.stream().filter(p -> p.at().isBefore(cutoff)).toList();
        Map<String, Instant> firstLineAt = new LinkedHashMap<>();
        Map<String, Double> grossByOrder = new LinkedHashMap<>();
        for (Purchase p : seen) {
            if (!p.isReturn()) {
                firstLineAt.merge(p.orderId(), p.at(), (a, b) -> a.isBefore(b) ? a : b);
                grossByOrder.merge(p.orderId(), p.amount(), Double::sum);
            }
        }
        if (firstLineAt.isEmpty()) {
            return Optional.empty();
        }
        List<Order> orders = new ArrayList<>();
        firstLineAt.forEach((id, at) -> orders.add(new Order(at, grossByOrder.get(id))));
        orders.sort(Comparator.comparing(Order::at));
        return Optional.of(new HistoryBeforeCutoff(cutoff, seen, List.copyOf(orders)));
    }

    int frequency() {
        return orders.size();
    }

    double netValue() {
        return grossValue - returnedValue;
    }

    double daysBeforeCutoff(Instant at) {
        return Duration.between(at, cutoff).toMillis() / 1000.0 / SECONDS_PER_DAY;
    }

    double recencyDays() {
        return daysBeforeCutoff(orders.get(orders.size() - 1).at());
    }

    double tenureDays() {
        return daysBeforeCutoff(orders.get(0).at());
    }

    long ordersWithin(int days) {
        Instant from = cutoff.minus(Duration.ofDays(days));
        return orders.stream().filter(o -> !o.at().isBefore(from)).count();
    }

    /** Bought minus returned in the last {@code days} days: a return counts when it happened. */
    double netValueWithin(int days) {
        Instant from = cutoff.minus(Duration.ofDays(days));
        return seen.stream().filter(p -> !p.at().isBefore(from)).mapToDouble(Purchase::amount).sum();
    }

    /** Days between consecutive purchase orders, oldest first; empty for a one-order customer. */
    double[] intervalsDays() {
        double[] gaps = new double[orders.size() - 1];
        for (int i = 1; i < orders.size(); i++) {
            gaps[i - 1] = Duration.between(orders.get(i - 1).at(), orders.get(i).at()).toMillis() / 1000.0 / SECONDS_PER_DAY;
        }
        return gaps;
    }
}
