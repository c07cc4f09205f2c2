package com.retailpulse.intelligence.churn;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a classifier did on the holdout, churn being the positive class.
 *
 * @param rows        holdout customers
 * @param churnRate   share of them who churned: what a model without skill would predict, and PR AUC's floor
 * @param rocAuc      probability that a churner is ranked above a buyer
 * @param prAuc       average precision of the churn ranking
 * @param brier       mean squared error of the probabilities (lower is better)
 * @param reliability calibration over 10 bins
 */
public record HoldoutMetrics(int rows, double churnRate, double rocAuc, double prAuc, double brier, Reliability reliability) {

    public static final int BINS = 10;

    public static HoldoutMetrics of(int[] churned, double[] churnProbability) {
        double brier = 0;
        for (int i = 0; i < churned.length; i++) {
            brier += (churnProbability[i] - churned[i]) * (churnProbability[i] - churned[i]) / churned.length;
        }
        return new HoldoutMetrics(churned.length, Arrays.stream(churned).average().orElse(Double.NaN),
                RocAuc.of(churned, churnProbability), AveragePrecision.of(churned, churnProbability), brier,
                Reliability.of(churned, churnProbability, BINS));
    }

    public static HoldoutMetrics of(ChurnClassifier classifier, ChurnRows holdout) {
        return of(holdout.churned(), classifier.churnProbabilities(holdout));
    }

    public double calibrationError() {
        return reliability.expectedCalibrationError();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "rows=%d churnRate=%.4f rocAuc=%.4f prAuc=%.4f brier=%.4f ece=%.4f",
                rows, churnRate, rocAuc, prAuc, brier, calibrationError());
    }
}
