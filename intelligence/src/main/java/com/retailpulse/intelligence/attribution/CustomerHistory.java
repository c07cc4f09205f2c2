package com.retailpulse.intelligence.attribution;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One customer's touches and conversions, in any order: {@link Attribution} sorts them by time (and id, so
 * that two runs over the same events always see the same order).
 */
public record CustomerHistory(String customer, List<Touch> touches, List<Conversion> conversions) {

    static final Comparator<Touch> TOUCH_ORDER = Comparator.comparing(Touch::at).thenComparing(Touch::id);
    static final Comparator<Conversion> CONVERSION_ORDER = Comparator.comparing(Conversion::at).thenComparing(Conversion::id);

    public CustomerHistory {
        Objects.requireNonNull(customer, "customer");
        touches = touches.stream().sorted(TOUCH_ORDER).toList();
        conversions = conversions.stream().sorted(CONVERSION_ORDER).toList();
    }
}
