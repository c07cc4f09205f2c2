package com.retailpulse.intelligence.cluster;

import org.apache.commons.math3.ml.distance.EuclideanDistance;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A trained customer clustering: everything needed to place a customer scored online in the cluster the
 * training would have put them in, and the words to show for it.
 *
 * @param cutoff        the features were computed from purchases before this instant
 * @param seed          the seed k-means++ ran with; the same data and seed train the same model
 * @param k             clusters, chosen by the best mean silhouette
 * @param centroids     per cluster, in standardised feature space ({@link Feature} order)
 * @param scaler        how raw features are standardised
 * @param silhouetteByK mean silhouette of every candidate k
 * @param clusters      per cluster, in index order
 */
public record ClusterModel(Instant cutoff, long seed, int k, double[][] centroids, FeatureScaler scaler,
                           SortedMap<Integer, Double> silhouetteByK, List<ClusterProfile> clusters) {
    static final EuclideanDistance DISTANCE = new EuclideanDistance();

    public ClusterModel {
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(scaler, "scaler");
        if (centroids.length != k || clusters.size() != k) {
            throw new IllegalArgumentException("need " + k + " centroids and profiles, got " + centroids.length + " and "
                    + clusters.size());
        }
        centroids = Arrays.stream(centroids).map(double[]::clone).toArray(double[][]::new);
        silhouetteByK = Collections.unmodifiableSortedMap(new TreeMap<>(silhouetteByK));
        clusters = List.copyOf(clusters);
    }

    /**
     * The cluster of a customer with these features: the nearest centroid, the first on a tie, which is
     * how k-means assigned the training customers.
     */
    public int assign(CustomerFeatures features) {
        double[] point = scaler.scale(features);
        int nearest = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double distance = DISTANCE.compute(point, centroids[c]);
            if (distance < best) {
                best = distance;
                nearest = c;
            }
        }
        return nearest;
    }

    public ClusterProfile profile(CustomerFeatures features) {
        return clusters.get(assign(features));
    }

    @Override
    public double[][] centroids() {
        return Arrays.stream(centroids).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClusterModel that && cutoff.equals(that.cutoff) && seed == that.seed && k == that.k
                && Arrays.deepEquals(centroids, that.centroids) && scaler.equals(that.scaler)
                && silhouetteByK.equals(that.silhouetteByK) && clusters.equals(that.clusters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cutoff, seed, k, Arrays.deepHashCode(centroids), scaler, silhouetteByK, clusters);
    }

    @Override
    public String toString() {
        return "ClusterModel[cutoff=" + cutoff + ", seed=" + seed + ", k=" + k + ", silhouetteByK=" + silhouetteByK
                + ", clusters=" + clusters + "]";
    }
}
