package com.retailpulse.projections.profile;

import java.math.BigDecimal;
import java.time.ZoneId;

/**
 * Thresholds of the built-in tags (docs/tags.md), configurable under {@code retailpulse.tags}.
 *
 * @param zone                  the brand's time zone: days, hours and weekdays are counted in it
 * @param highValueYearlySpend  value tier "high_value": spend in the last 365 days above this
 * @param potentialDays         value tier "potential": active within these days without a repeat purchase
 * @param churnDays             value tier / lifecycle "churned": no visit or purchase for these days
 * @param atRiskDays            lifecycle "at_risk": no visit or purchase for these days (but not churned)
 * @param newCustomerDays       lifecycle "new": first and only order within these days
 * @param loyalOrders           lifecycle "loyal": at least this many orders, and not at risk
 * @param retentionDays         per-day activity kept for time windows
 */
public record TagSettings(ZoneId zone, BigDecimal highValueYearlySpend, int potentialDays, int churnDays,
                          int atRiskDays, int newCustomerDays, int loyalOrders, int retentionDays) {

    public static TagSettings defaults() {
        return new TagSettings(ZoneId.of("UTC"), new BigDecimal("5000"), 30, 90, 60, 30, 3, 400);
    }
}
