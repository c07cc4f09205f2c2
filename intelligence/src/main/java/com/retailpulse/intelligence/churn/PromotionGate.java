package com.retailpulse.intelligence.churn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a boosted model may replace the one in service: it must rank churners better than the
 * logistic baseline on the holdout by both ROC AUC and PR AUC (a model that is not better than the simple
 * one is not worth its opacity), and its probabilities must be usable as probabilities, because campaigns
 * budget on expected buyers, not on ranks.
 *
 * @param maxCalibrationError highest expected calibration error (10 bins) a promoted model may have
 */
public record PromotionGate(double maxCalibrationError) {

    public static final PromotionGate DEFAULT = new PromotionGate(0.05);

    /**
     * @param promoted whether the boosted model may be served
     * @param reasons  every failed condition, in words; empty when promoted
     */
    public record Decision(boolean promoted, List<String> reasons) {
        public Decision {
            reasons = List.copyOf(reasons);
        }
    }

    public Decision decide(HoldoutMetrics boosted, HoldoutMetrics baseline) {
        List<String> reasons = new ArrayList<>();
        if (!(boosted.rocAuc() > baseline.rocAuc())) {
            reasons.add(String.format(Locale.ROOT, "ROC AUC %.4f does not beat the baseline's %.4f", boosted.rocAuc(), baseline.rocAuc()));
        }
        if (!(boosted.prAuc() > baseline.prAuc())) {
            reasons.add(String.format(Locale.ROOT, "PR AUC %.4f does not beat the baseline's %.4f", boosted.prAuc(), baseline.prAuc()));
        }
        if (!(boosted.calibrationError() < maxCalibrationError)) {
            reasons.add(String.format(Locale.ROOT, "expected calibration error %.4f is not below %.4f",
                    boosted.calibrationError(), maxCalibrationError));
        }
        return new Decision(reasons.isEmpty(), reasons);
    }
}
