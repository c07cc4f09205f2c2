package com.retailpulse.intelligence.churn;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The churn model's inputs, declared once: name, definition in words and how it is computed from the
 * history before the cutoff. The declaration order is the vector order ({@link PointInTimeFeatures#SCHEMA}),
 * so adding or reordering a constant changes the schema and old models refuse the new vectors. Days are
 * fractional (a purchase 36 hours before the cutoff is 1.5 days old).
 */
public enum ChurnFeature {
    RECENCY_DAYS("recency_days", "days from the last purchase order to the cutoff", HistoryBeforeCutoff::recencyDays),
    TENURE_DAYS("tenure_days", "days from the first purchase order to the cutoff", HistoryBeforeCutoff::tenureDays),
    FREQUENCY("frequency", "distinct purchase orders", HistoryBeforeCutoff::frequency),
    MONETARY_NET("monetary_net", "value bought minus value returned", HistoryBeforeCutoff::netValue),
    AVG_ORDER_VALUE("avg_order_value", "value bought / purchase orders", h -> h.grossValue / h.frequency()),
    ORDERS_30D("orders_30d", "purchase orders in the 30 days before the cutoff", h -> h.ordersWithin(30)),
    ORDERS_90D("orders_90d", "purchase orders in the 90 days before the cutoff", h -> h.ordersWithin(90)),
    ORDERS_180D("orders_180d", "purchase orders in the 180 days before the cutoff", h -> h.ordersWithin(180)),
    SPEND_30D("spend_30d", "net value (bought minus returned) in the 30 days before the cutoff", h -> h.netValueWithin(30)),
    SPEND_90D("spend_90d", "net value in the 90 days before the cutoff", h -> h.netValueWithin(90)),
    SPEND_180D("spend_180d", "net value in the 180 days before the cutoff", h -> h.netValueWithin(180)),
    MEAN_INTERVAL_DAYS("mean_interval_days", "mean days between consecutive purchase orders; missing with one order",
            h -> h.frequency() < 2 ? Double.NaN : Arrays.stream(h.intervalsDays()).average().orElseThrow()),
    LAST_INTERVAL_DAYS("last_interval_days", "days between the last two purchase orders; missing with one order",
            h -> h.frequency() < 2 ? Double.NaN : h.intervalsDays()[h.frequency() - 2]),
    RECENCY_OVER_INTERVAL("recency_over_interval",
            "recency / mean interval (at least one day): how overdue the next order is; missing with one order",
            h -> h.frequency() < 2 ? Double.NaN
                    : h.recencyDays() / Math.max(1.0, Arrays.stream(h.intervalsDays()).average().orElseThrow())),
    ORDERS_PER_MONTH("orders_per_month", "purchase orders per 30 days of tenure (tenure at least 30 days)",
            h -> h.frequency() * 30.0 / Math.max(30.0, h.tenureDays())),
    ACTIVE_MONTHS("active_months", "distinct calendar months (UTC) with a purchase order", h -> h.activeMonths),
    DISTINCT_PRODUCTS("distinct_products", "distinct products bought", h -> h.distinctProducts),
    UNITS_PER_ORDER("units_per_order", "units bought / purchase orders", h -> (double) h.units / h.frequency()),
    LINES_PER_ORDER("lines_per_order", "lines bought / purchase orders", h -> (double) h.lines / h.frequency()),
    RETURN_SHARE("return_share", "value returned / value bought (0 when nothing was bought for money)",
            h -> h.grossValue > 0 ? h.returnedValue / h.grossValue : 0.0);

    private final String featureName;
    private final String definition;
    private final ToDoubleFunction<HistoryBeforeCutoff> compute;

    ChurnFeature(String featureName, String definition, ToDoubleFunction<HistoryBeforeCutoff> compute) {
        this.featureName = featureName;
        this.definition = definition;
        this.compute = compute;
    }

    public String featureName() {
        return featureName;
    }

    public String definition() {
        return definition;
    }

    double of(HistoryBeforeCutoff history) {
        return compute.applyAsDouble(history);
    }
}
