package com.retailpulse.projections.profile;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.ProductRef;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one customer record's events add up to: counters, sums, first/last times, per-day activity
 * buckets and histograms. Every fact is a sum, a min or a max, so facts of several records combine
 * ({@link #plus}) into the facts of the merged customer, and the order events arrive in does not
 * matter. Mutable: a profile batch owns its documents and writes them once.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ProfileFacts {

    /** Products and categories kept per customer (the most bought / viewed). */
    static final int TOP_ITEMS = 50;

    long orders;
    long cancellations;
    BigDecimal revenue = BigDecimal.ZERO;
    BigDecimal refunded = BigDecimal.ZERO;
    String currency;
    Instant firstOrderAt;
    Instant lastOrderAt;
    long unitsBought;
    Instant firstInteractionAt;
    Instant lastInteractionAt;
    /** Gross order value per day (in the configured zone), for spend in time windows. */
    TreeMap<LocalDate, BigDecimal> spendByDay = new TreeMap<>();
    /** Activity counts per kind and per day, e.g. "view", "view:category=fans", "order", "custom:Coupon Clicked". */
    TreeMap<String, TreeMap<LocalDate, Integer>> activity = new TreeMap<>();
    /** All-time counts per activity kind (the same keys as {@link #activity}, never pruned). */
    TreeMap<String, Long> totals = new TreeMap<>();
    long[] hours = new long[24];
    long[] weekdays = new long[7];
    TreeMap<String, Long> channels = new TreeMap<>();
    /** Units bought per SKU and per category; views per category. */
    TreeMap<String, Long> productsBought = new TreeMap<>();
    TreeMap<String, Long> categoriesBought = new TreeMap<>();
    TreeMap<String, Long> categoriesViewed = new TreeMap<>();
    TreeMap<String, Long> brandsBought = new TreeMap<>();

    public long orders() {
        return orders;
    }

    public BigDecimal revenue() {
        return revenue;
    }

    public BigDecimal refunded() {
        return refunded;
    }

    public Instant lastOrderAt() {
        return lastOrderAt;
    }

    public Instant firstOrderAt() {
        return firstOrderAt;
    }

    public Instant lastInteractionAt() {
        return lastInteractionAt;
    }

    public Map<String, Long> totals() {
        return totals;
    }

    /** Count of an activity kind over the days [from, to] (inclusive). */
    public long count(String kind, LocalDate from, LocalDate to) {
        TreeMap<LocalDate, Integer> days = activity.get(kind);
        if (days == null) {
            return 0;
        }
        return days.subMap(from, true, to, true).values().stream().mapToLong(Integer::longValue).sum();
    }

    public BigDecimal spend(LocalDate from, LocalDate to) {
        return spendByDay.subMap(from, true, to, true).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    void order(Instant at, String orderCurrency, Iterable<OrderLine> lines, BigDecimal total, String channel,
               Function<String, ProductRef> catalogue, ZoneId zone) {
        orders++;
        revenue = revenue.add(total);
        currency = currency == null ? orderCurrency : currency;
        firstOrderAt = min(firstOrderAt, at);
        lastOrderAt = max(lastOrderAt, at);
        LocalDate day = at.atZone(zone).toLocalDate();
        spendByDay.merge(day, total, BigDecimal::add);
        for (OrderLine line : lines) {
            unitsBought += line.quantity();
            productsBought.merge(line.sku(), (long) line.quantity(), Long::sum);
            ProductRef product = catalogue.apply(line.sku());
            if (product != null && product.category() != null) {
                categoriesBought.merge(product.category(), (long) line.quantity(), Long::sum);
                count("order:category=" + product.category(), day);
            }
            if (product != null && product.brand() != null) {
                brandsBought.merge(product.brand(), (long) line.quantity(), Long::sum);
            }
        }
        interaction("order", at, channel, zone);
    }

    void cancellation(Instant at, String orderCurrency, BigDecimal refund, String channel, ZoneId zone) {
        cancellations++;
        refunded = refunded.add(refund);
        currency = currency == null ? orderCurrency : currency;
        interaction("cancellation", at, channel, zone);
    }

    /** A product-related interaction (view, cart add, …) counted in total and per category. */
    void productInteraction(String kind, Instant at, String channel, ProductRef product, ZoneId zone) {
        if (product != null && product.category() != null) {
            count(kind + ":category=" + product.category(), at.atZone(zone).toLocalDate());
            if ("view".equals(kind)) {
                categoriesViewed.merge(product.category(), 1L, Long::sum);
            }
        }
        interaction(kind, at, channel, zone);
    }

    /** Any interaction: counted by kind and day, by hour and weekday, by channel; moves first/last seen. */
    void interaction(String kind, Instant at, String channel, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        count(kind, local.toLocalDate());
        hours[local.getHour()]++;
        weekdays[local.getDayOfWeek().getValue() - 1]++;
        if (channel != null && !channel.isBlank()) {
            channels.merge(channel, 1L, Long::sum);
        }
        firstInteractionAt = min(firstInteractionAt, at);
        lastInteractionAt = max(lastInteractionAt, at);
    }

    /** A custom event also counts under its own name, e.g. "custom:Coupon Clicked". */
    void custom(String name, Instant at, ZoneId zone) {
        count("custom:" + name, at.atZone(zone).toLocalDate());
    }

    private void count(String kind, LocalDate day) {
        activity.computeIfAbsent(kind, k -> new TreeMap<>()).merge(day, 1, Integer::sum);
        totals.merge(kind, 1L, Long::sum);
    }

    /** Drops per-day buckets older than {@code retentionDays} before the latest day seen, and keeps the top items. */
    void prune(int retentionDays) {
        LocalDate latest = activity.values().stream().filter(m -> !m.isEmpty()).map(TreeMap::lastKey)
                .max(Comparator.naturalOrder()).orElse(null);
        if (latest != null) {
            LocalDate cut = latest.minusDays(retentionDays);
            activity.values().forEach(days -> days.headMap(cut).clear());
            activity.values().removeIf(TreeMap::isEmpty);
            spendByDay.headMap(cut).clear();
        }
        keepTop(productsBought);
        keepTop(categoriesBought);
        keepTop(categoriesViewed);
        keepTop(brandsBought);
    }

    private static void keepTop(TreeMap<String, Long> counts) {
        if (counts.size() <= TOP_ITEMS) {
            return;
        }
        Map<String, Long> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_ITEMS)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        counts.clear();
        counts.putAll(top);
    }

    /** The facts of a customer made of this record and {@code other}. */
    ProfileFacts plus(ProfileFacts other) {
        ProfileFacts sum = new ProfileFacts();
        for (ProfileFacts f : new ProfileFacts[]{this, other}) {
            sum.orders += f.orders;
            sum.cancellations += f.cancellations;
            sum.revenue = sum.revenue.add(f.revenue);
            sum.refunded = sum.refunded.add(f.refunded);
            sum.currency = sum.currency == null ? f.currency : sum.currency;
            sum.firstOrderAt = min(sum.firstOrderAt, f.firstOrderAt);
            sum.lastOrderAt = max(sum.lastOrderAt, f.lastOrderAt);
            sum.unitsBought += f.unitsBought;
            sum.firstInteractionAt = min(sum.firstInteractionAt, f.firstInteractionAt);
            sum.lastInteractionAt = max(sum.lastInteractionAt, f.lastInteractionAt);
            f.spendByDay.forEach((d, v) -> sum.spendByDay.merge(d, v, BigDecimal::add));
            f.activity.forEach((k, days) -> days.forEach((d, n) ->
                    sum.activity.computeIfAbsent(k, x -> new TreeMap<>()).merge(d, n, Integer::sum)));
            f.totals.forEach((k, n) -> sum.totals.merge(k, n, Long::sum));
            for (int h = 0; h < 24; h++) {
                sum.hours[h] += f.hours[h];
            }
            for (int d = 0; d < 7; d++) {
                sum.weekdays[d] += f.weekdays[d];
            }
            f.channels.forEach((k, n) -> sum.channels.merge(k, n, Long::sum));
            f.productsBought.forEach((k, n) -> sum.productsBought.merge(k, n, Long::sum));
            f.categoriesBought.forEach((k, n) -> sum.categoriesBought.merge(k, n, Long::sum));
            f.categoriesViewed.forEach((k, n) -> sum.categoriesViewed.merge(k, n, Long::sum));
            f.brandsBought.forEach((k, n) -> sum.brandsBought.merge(k, n, Long::sum));
        }
        return sum;
    }

    /** Keys ordered by count, highest first (ties by name), at most {@code n}. */
    static java.util.List<String> top(Map<String, Long> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
