package com.retailpulse.intelligence.cluster;

import java.util.Arrays;
import java.util.Collection;

/**
 * Standardises transformed features with the training population's means and standard deviations, so a
 * customer scored online lands in the same space the centroids were found in.
 */
public record FeatureScaler(double[] means, double[] standardDeviations) {

    public FeatureScaler {
        if (means.length != Feature.values().length || standardDeviations.length != means.length) {
            throw new IllegalArgumentException("need one mean and one standard deviation per feature");
        }
        means = means.clone();
        standardDeviations = standardDeviations.clone();
    }

    static FeatureScaler fit(Collection<CustomerFeatures> population) {
        double[][] rows = population.stream().map(Feature::transformedAll).toArray(double[][]::new);
        int width = Feature.values().length;
        double[] means = new double[width];
        double[] sds = new double[width];
        for (int j = 0; j < width; j++) {
            for (double[] row : rows) {
                means[j] += row[j] / rows.length;
            }
            double variance = 0;
            for (double[] row : rows) {
                variance += (row[j] - means[j]) * (row[j] - means[j]) / rows.length;
            }
            // A feature every customer shares carries no information; dividing by 1 keeps it at 0 instead of NaN.
            sds[j] = variance > 1e-24 ? Math.sqrt(variance) : 1;
        }
        return new FeatureScaler(means, sds);
    }

    /** The customer's standardised feature vector, in {@link Feature} order. */
    public double[] scale(CustomerFeatures features) {
        double[] row = Feature.transformedAll(features);
        for (int j = 0; j < row.length; j++) {
            row[j] = (row[j] - means[j]) / standardDeviations[j];
        }
        return row;
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] standardDeviations() {
        return standardDeviations.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureScaler that && Arrays.equals(means, that.means)
                && Arrays.equals(standardDeviations, that.standardDeviations);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(standardDeviations);
    }

    @Override
    public String toString() {
        return "FeatureScaler[means=" + Arrays.toString(means) + ", standardDeviations=" + Arrays.toString(standardDeviations) + "]";
    }
}
