package com.retailpulse.intelligence.churn;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the precision–recall curve as average precision: the sum over score thresholds of
 * precision × the recall gained there. Tied scores form one threshold (as scikit-learn does), so
 * the figure does not depend on how ties happen to be ordered. Neither LIBLINEAR nor Commons Math has it.
 */
final class AveragePrecision {
    private AveragePrecision() {
    }

    /** @param truth 1 for the positive class; {@code score} higher = more likely positive */
    static double of(int[] truth, double[] score) {
        int positives = Arrays.stream(truth).sum();
        if (positives == 0) {
            throw new IllegalArgumentException("average precision needs at least one positive");
        }
        Integer[] order = new Integer[truth.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
        double ap = 0;
        int truePositives = 0;
        int seen = 0;
        for (int i = 0; i < order.length; ) {
            int gained = 0;
            double threshold = score[order[i]];
            for (; i < order.length && score[order[i]] == threshold; i++) {
                gained += truth[order[i]];
                seen++;
            }
            truePositives += gained;
            ap += (double) gained / positives * truePositives / seen;
        }
        return ap;
    }
}
