package com.retailpulse.intelligence.cluster;

import org.apache.commons.math3.ml.distance.DistanceMeasure;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * Mean silhouette of a labelling (Rousseeuw 1987): for each point, (b - a) / max(a, b) with a its mean
 * distance to its own cluster and b to the nearest other cluster; 0 for a point alone in its cluster.
 * Neither commons-math3 nor Smile 3.1 has it. It is O(n^2), so above {@link #MAX_POINTS} points it is
 * computed within a seeded random sample of that size (the same sample for every k being compared).
 */
final class Silhouette {
    static final int MAX_POINTS = 5_000;

    private Silhouette() {
    }

    /** Indices of the points the silhouette is computed on: all of them, or a seeded sample. */
    static int[] sample(int n, long seed) {
        if (n <= MAX_POINTS) {
            return IntStream.range(0, n).toArray();
        }
        int[] all = IntStream.range(0, n).toArray();
        Random random = new Random(seed);
        for (int i = 0; i < MAX_POINTS; i++) {
            int j = i + random.nextInt(n - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        return IntStream.of(all).limit(MAX_POINTS).sorted().toArray();
    }

    static double mean(double[][] points, int[] labels, int k, int[] sample, DistanceMeasure distance) {
        int m = sample.length;
        double[][] sums = new double[m][k];
        int[] sizes = new int[k];
        for (int i : sample) {
            sizes[labels[i]]++;
        }
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double d = distance.compute(points[sample[i]], points[sample[j]]);
                sums[i][labels[sample[j]]] += d;
                sums[j][labels[sample[i]]] += d;
            }
        }
        double total = 0;
        for (int i = 0; i < m; i++) {
            int own = labels[sample[i]];
            if (sizes[own] == 1) {
                continue;
            }
            double a = sums[i][own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && sizes[c] > 0) {
                    b = Math.min(b, sums[i][c] / sizes[c]);
                }
            }
            total += (b - a) / Math.max(a, b);
        }
        return total / m;
    }
}
