package com.retailpulse.intelligence.cluster;

import java.util.function.ToDoubleFunction;

/**
 * The features clusters are built on, and how each enters the distance: counts and amounts are
 * right-skewed over orders of magnitude (one wholesaler outweighs a thousand gift buyers), so they enter
 * as log(1 + value); the return share is bounded and tenure is spread evenly over the data's year, so
 * they enter as they are. Every feature is then standardised, so each weighs the same.
 */
public enum Feature {
    RECENCY_DAYS("recency (days)", true, CustomerFeatures::recencyDays),
    FREQUENCY("orders", true, CustomerFeatures::frequency),
    MONETARY("spend", true, CustomerFeatures::monetary),
    AVERAGE_ORDER_VALUE("average order value", true, CustomerFeatures::averageOrderValue),
    DISTINCT_PRODUCTS("distinct products", true, CustomerFeatures::distinctProducts),
    RETURN_SHARE("return share", false, CustomerFeatures::returnShare),
    TENURE_DAYS("tenure (days)", false, CustomerFeatures::tenureDays);

    private final String label;
    private final boolean logged;
    private final ToDoubleFunction<CustomerFeatures> value;

    Feature(String label, boolean logged, ToDoubleFunction<CustomerFeatures> value) {
        this.label = label;
        this.logged = logged;
        this.value = value;
    }

    public String label() {
        return label;
    }

    public double raw(CustomerFeatures features) {
        return value.applyAsDouble(features);
    }

    /** The value before standardisation. */
    double transformed(CustomerFeatures features) {
        double raw = raw(features);
        return logged ? Math.log1p(raw) : raw;
    }

    static double[] transformedAll(CustomerFeatures features) {
        Feature[] all = values();
        double[] row = new double[all.length];
        for (int i = 0; i < all.length; i++) {
            row[i] = all[i].transformed(features);
        }
        return row;
    }
}
