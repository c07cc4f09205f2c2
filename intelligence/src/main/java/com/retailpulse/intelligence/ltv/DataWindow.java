package com.retailpulse.intelligence.ltv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What a fit saw: purchases strictly before {@code cutoff}, counted in {@code unit}. Days are UTC days;
 * the customer's age T runs to the last day before the cutoff (the {@code lifetimes} "observation period
 * end"), so a cutoff at midnight of 1997-10-01 observes up to and including 1997-09-30.
 */
public record DataWindow(Instant cutoff, PeriodUnit unit) {

    public DataWindow {
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(unit, "unit");
    }

    public static DataWindow of(LocalDate firstDayNotObserved, PeriodUnit unit) {
        return new DataWindow(firstDayNotObserved.atStartOfDay().toInstant(ZoneOffset.UTC), unit);
    }

    /** The last calendar day any observed purchase can fall on. */
    public LocalDate lastObservedDay() {
        return LocalDate.ofInstant(cutoff.minusNanos(1), ZoneOffset.UTC);
    }

    public boolean observes(Instant at) {
        return at.isBefore(cutoff);
    }
}
