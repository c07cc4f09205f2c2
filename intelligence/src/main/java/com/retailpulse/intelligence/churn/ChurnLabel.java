package com.retailpulse.intelligence.churn;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Churned at a cutoff = bought nothing in the window (cutoff, cutoff + 90 days]. Returns are not
 * purchases: a customer who only sends goods back has churned. A label is only known once the whole
 * window lies inside the data, which the training plan checks.
 */
public final class ChurnLabel {
    public static final Duration WINDOW = Duration.ofDays(90);

    private ChurnLabel() {
    }

    public static Instant windowEnd(Instant cutoff) {
        return cutoff.plus(WINDOW);
    }

    public static boolean churned(Collection<Purchase> history, Instant cutoff) {
        Instant end = windowEnd(cutoff);
        return history.stream().noneMatch(p -> !p.isReturn() && p.at().isAfter(cutoff) && !p.at().isAfter(end));
    }
}
