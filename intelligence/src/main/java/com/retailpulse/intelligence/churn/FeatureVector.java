package com.retailpulse.intelligence.churn;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One customer's features as of a cutoff. {@code NaN} means "not defined for this customer" (an
 * inter-purchase interval of a one-order customer): the boosted model treats it as missing, the
 * baseline imputes it.
 *
 * @param customerId the customer
 * @param cutoff     the instant the features describe: only purchases strictly before it were seen
 * @param schema     what each value means
 * @param values     one value per schema feature, in schema order
 */
public record FeatureVector(String customerId, Instant cutoff, FeatureSchema schema, double[] values) {

    public FeatureVector {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(schema, "schema");
        if (values.length != schema.size()) {
            throw new IllegalArgumentException(values.length + " values for " + schema.size() + " features");
        }
    }

    public double get(String feature) {
        return values[schema.indexOf(feature)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector other && customerId.equals(other.customerId) && cutoff.equals(other.cutoff)
                && schema.equals(other.schema) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, cutoff, schema, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return customerId + "@" + cutoff + " " + Arrays.toString(values);
    }
}
