package com.retailpulse.intelligence.attribution;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a conversion's credit is shared among the touches of its path (the touches within the conversion
 * window before it, since the customer's previous conversion):
 * <ul>
 *   <li>{@code first-touch}: all to the first; {@code last-touch}: all to the last;</li>
 *   <li>{@code linear}: equal shares;</li>
 *   <li>{@code time-decay}: a touch's weight halves every half-life before the conversion;</li>
 *   <li>{@code position-based}: 40 % to the first, 40 % to the last, the remaining 20 % spread over the
 *       ones between (shares configurable; one touch takes all, two take half each);</li>
 *   <li>{@code markov}: data-driven, from every path in the period, converting or not: each group's share
 *       is its removal effect in a first-order Markov chain of the paths, normalised.</li>
 * </ul>
 */
public enum AttributionModel {
    FIRST_TOUCH, LAST_TOUCH, LINEAR, TIME_DECAY, POSITION_BASED, MARKOV;

    /** The model's name in definitions and results: {@code time-decay}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AttributionModel of(String key) {
        for (AttributionModel m : values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown attribution model '" + key + "'; known: "
                + Arrays.stream(values()).map(AttributionModel::key).collect(Collectors.joining(", ")));
    }
}
