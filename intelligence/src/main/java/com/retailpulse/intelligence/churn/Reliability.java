package com.retailpulse.intelligence.churn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Calibration as a reliability table: predictions cut into equal-width probability bins, each bin's mean
 * prediction against the share that actually churned. The expected calibration error is the gap
 * weighted by how many customers fall in each bin, so a sparse extreme bin cannot dominate it.
 *
 * @param bins                      every bin, empty ones included (count 0, NaN means)
 * @param expectedCalibrationError  Σ (count / total) × |mean predicted − observed rate|
 */
public record Reliability(List<Bin> bins, double expectedCalibrationError) {

    public record Bin(double from, double to, int count, double meanPredicted, double observedRate) {
    }

    public Reliability {
        bins = List.copyOf(bins);
    }

    public static Reliability of(int[] truth, double[] predicted, int binCount) {
        int[] count = new int[binCount];
        double[] predictedSum = new double[binCount];
        int[] positives = new int[binCount];
        for (int i = 0; i < truth.length; i++) {
            // A prediction of exactly 1.0 belongs to the last bin, not to a bin past the end.
            int bin = Math.min(binCount - 1, (int) (predicted[i] * binCount));
            count[bin]++;
            predictedSum[bin] += predicted[i];
            positives[bin] += truth[i];
        }
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            double meanPredicted = count[b] == 0 ? Double.NaN : predictedSum[b] / count[b];
            double observed = count[b] == 0 ? Double.NaN : (double) positives[b] / count[b];
            bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, count[b], meanPredicted, observed));
            if (count[b] > 0) {
                ece += (double) count[b] / truth.length * Math.abs(meanPredicted - observed);
            }
        }
        return new Reliability(bins, ece);
    }

    /** A Markdown table, as printed by the tests and copied into docs/models/churn.md. */
    public String table() {
        StringBuilder out = new StringBuilder("| bin | mean predicted | observed churn | customers |\n|---|---|---|---|\n");
        for (Bin bin : bins) {
            out.append(String.format(Locale.ROOT, "| %.1f–%.1f | %s | %s | %d |%n", bin.from(), bin.to(),
                    format(bin.meanPredicted()), format(bin.observedRate()), bin.count()));
        }
        return out.toString();
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }
}
