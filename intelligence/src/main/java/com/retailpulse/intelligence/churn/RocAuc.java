package com.retailpulse.intelligence.churn;

import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * ROC AUC as the normalised Mann–Whitney U statistic: the share of (positive, negative) pairs the score
 * orders right, a tie counting half, which is what the mid-ranks of tied scores give.
 */
final class RocAuc {
    private RocAuc() {
    }

    /** @param truth 1 for the positive class; {@code score} higher = more likely positive */
    static double of(int[] truth, double[] score) {
        double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE).rank(score);
        long positives = 0;
        double positiveRankSum = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == 1) {
                positives++;
                positiveRankSum += ranks[i];
            }
        }
        long negatives = truth.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC AUC needs both classes");
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
