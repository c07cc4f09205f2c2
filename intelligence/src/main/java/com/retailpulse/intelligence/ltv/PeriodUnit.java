package com.retailpulse.intelligence.ltv;

/**
 * The unit the models count time in. Purchases are always grouped by calendar day (two purchases on one
 * day are one transaction, as in the {@code lifetimes} library with daily frequency); the unit only
 * scales the day counts, so weeks are fractional (272 days = 38.86 weeks, as in the published CDNOW data).
 * Fitted rate parameters (BG/NBD alpha) are per unit, so a fit is only meaningful with the unit it was made in.
 */
public enum PeriodUnit {
    DAYS(1),
    WEEKS(7);

    private final int days;

    PeriodUnit(int days) {
        this.days = days;
    }

    public double fromDays(double dayCount) {
        return dayCount / days;
    }

    public double toDays(double units) {
        return units * days;
    }
}
