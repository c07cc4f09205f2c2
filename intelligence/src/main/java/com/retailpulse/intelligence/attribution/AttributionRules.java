package com.retailpulse.intelligence.attribution;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an attribution counts: conversions at or after {@code from} and before {@code to}; for each, the
 * touches at most {@code window} before it (and not after it); {@code halfLife} for time decay and the
 * first and last touch's shares for position-based credit.
 */
public record AttributionRules(Instant from, Instant to, Duration window, Duration halfLife, double firstShare, double lastShare) {

    public AttributionRules {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period must end after it starts: from " + from + ", to " + to);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the conversion window must be a positive duration, got " + window);
        }
        if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("the time-decay half-life must be a positive duration, got " + halfLife);
        }
        if (!(firstShare >= 0 && lastShare >= 0 && firstShare + lastShare <= 1)) {
            throw new IllegalArgumentException("position-based shares must be at least 0 and add up to at most 1, got first "
                    + firstShare + ", last " + lastShare);
        }
    }

    boolean inPeriod(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
