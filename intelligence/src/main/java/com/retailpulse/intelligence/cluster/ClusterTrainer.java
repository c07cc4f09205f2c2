package com.retailpulse.intelligence.cluster;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.random.Well19937c;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Trains a {@link ClusterModel}: standardise the features, run k-means++ (commons-math3, best of
 * {@link #TRIALS} seeded runs) for every k in {@link #MIN_K}..{@link #MAX_K}, keep the k with the best
 * mean silhouette (the smaller k on a tie), and describe its clusters.
 */
public final class ClusterTrainer {
    public static final int MIN_K = 2;
    public static final int MAX_K = 8;
    static final int TRIALS = 5;
    private static final int MAX_ITERATIONS = 300;

    private ClusterTrainer() {
    }

    /** The model and the cluster it put each training customer in. */
    public record Trained(ClusterModel model, SortedMap<String, Integer> labels) {
    }

    public static Trained train(SortedMap<String, CustomerFeatures> customers, Instant cutoff, long seed) {
        if (customers.size() <= MAX_K) {
            throw new IllegalArgumentException("clustering needs more than " + MAX_K + " customers to compare k up to "
                    + MAX_K + ", got " + customers.size());
        }
        List<CustomerFeatures> features = List.copyOf(customers.values());
        FeatureScaler scaler = FeatureScaler.fit(features);
        double[][] points = features.stream().map(scaler::scale).toArray(double[][]::new);
        List<Point> clusterable = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            clusterable.add(new Point(i, points[i]));
        }
        int[] sample = Silhouette.sample(points.length, seed);

        SortedMap<Integer, Double> silhouetteByK = new TreeMap<>();
        List<CentroidCluster<Point>> best = null;
        int[] bestLabels = null;
        for (int k = MIN_K; k <= MAX_K; k++) {
            KMeansPlusPlusClusterer<Point> kMeans = new KMeansPlusPlusClusterer<>(k, MAX_ITERATIONS, ClusterModel.DISTANCE,
                    new Well19937c(seed * 31 + k));
            List<CentroidCluster<Point>> clusters = new MultiKMeansPlusPlusClusterer<>(kMeans, TRIALS).cluster(clusterable);
            int[] labels = labels(clusters, points.length);
            double silhouette = Silhouette.mean(points, labels, k, sample, ClusterModel.DISTANCE);
            if (best == null || silhouette > silhouetteByK.get(best.size())) {
                best = clusters;
                bestLabels = labels;
            }
            silhouetteByK.put(k, silhouette);
        }

        int k = best.size();
        double[][] centroids = best.stream().map(c -> c.getCenter().getPoint().clone()).toArray(double[][]::new);
        List<Map<Feature, Double>> means = meanFeatures(features, bestLabels, k);
        int[] sizes = best.stream().mapToInt(c -> c.getPoints().size()).toArray();
        List<String> descriptions = ClusterDescriber.describe(centroidsOfMembers(points, bestLabels, k), means);
        List<ClusterProfile> profiles = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            profiles.add(new ClusterProfile(c, descriptions.get(c), sizes[c], means.get(c)));
        }
        SortedMap<String, Integer> labels = new TreeMap<>();
        int i = 0;
        for (String customer : customers.keySet()) {
            labels.put(customer, bestLabels[i++]);
        }
        return new Trained(new ClusterModel(cutoff, seed, k, centroids, scaler, silhouetteByK, profiles), labels);
    }

    private static int[] labels(List<CentroidCluster<Point>> clusters, int n) {
        int[] labels = new int[n];
        for (int c = 0; c < clusters.size(); c++) {
            for (Point point : clusters.get(c).getPoints()) {
                labels[point.index()] = c;
            }
        }
        return labels;
    }

    /** Members' mean in standardised space: how each cluster differs from the population (whose mean is 0). */
    private static double[][] centroidsOfMembers(double[][] points, int[] labels, int k) {
        double[][] sums = new double[k][points[0].length];
        int[] sizes = new int[k];
        for (int i = 0; i < points.length; i++) {
            sizes[labels[i]]++;
            for (int j = 0; j < points[i].length; j++) {
                sums[labels[i]][j] += points[i][j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < sums[c].length; j++) {
                sums[c][j] /= Math.max(1, sizes[c]);
            }
        }
        return sums;
    }

    private static List<Map<Feature, Double>> meanFeatures(List<CustomerFeatures> features, int[] labels, int k) {
        List<Map<Feature, Double>> sums = new ArrayList<>();
        int[] sizes = new int[k];
        for (int c = 0; c < k; c++) {
            Map<Feature, Double> zero = new EnumMap<>(Feature.class);
            for (Feature feature : Feature.values()) {
                zero.put(feature, 0.0);
            }
            sums.add(zero);
        }
        for (int i = 0; i < features.size(); i++) {
            sizes[labels[i]]++;
            for (Feature feature : Feature.values()) {
                sums.get(labels[i]).merge(feature, feature.raw(features.get(i)), Double::sum);
            }
        }
        for (int c = 0; c < k; c++) {
            int size = Math.max(1, sizes[c]);
            sums.get(c).replaceAll((feature, sum) -> sum / size);
        }
        return sums;
    }

    /** A customer's standardised features, remembering which customer they are. */
    private record Point(int index, double[] point) implements Clusterable {
        @Override
        public double[] getPoint() {
            return point;
        }
    }
}
