package com.retailpulse.intelligence.churn;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Trains the boosted model and the baseline with a time-based holdout: models learn from cutoffs whose
 * label windows close by the holdout cutoff, and are judged on customers as they stood at the holdout
 * cutoff, labelled by what they did afterwards. Nothing from after the holdout cutoff reaches training.
 *
 * @param trainingCutoffs  cutoffs whose rows are stacked for training (a customer may appear at several)
 * @param holdoutCutoff    the evaluation cutoff
 * @param validationShare  share of training customers held out to stop boosting
 * @param seed             the validation split's seed
 * @param boosting         XGBoost settings
 * @param baselineC        the baseline's inverse regularisation strength (LIBLINEAR's C)
 * @param gate             the promotion rule
 */
public record ChurnTraining(List<Instant> trainingCutoffs, Instant holdoutCutoff, double validationShare, long seed,
                            BoostingParameters boosting, double baselineC, PromotionGate gate) {

    public ChurnTraining {
        trainingCutoffs = List.copyOf(trainingCutoffs);
        for (Instant cutoff : trainingCutoffs) {
            if (ChurnLabel.windowEnd(cutoff).isAfter(holdoutCutoff)) {
                throw new IllegalArgumentException("the label window of training cutoff " + cutoff
                        + " ends after the holdout cutoff " + holdoutCutoff + ": training would see the holdout period");
            }
        }
    }

    public TrainedChurnModel train(Collection<Purchase> purchases) {
        Instant dataTo = ChurnLabel.windowEnd(holdoutCutoff);
        Instant lastPurchase = purchases.stream().map(Purchase::at).max(Comparator.naturalOrder()).orElseThrow();
        if (lastPurchase.isBefore(dataTo)) {
            throw new IllegalArgumentException("the data end at " + lastPurchase + ", before the holdout labels' window closes at "
                    + dataTo + ": late buyers would be labelled churned");
        }
        List<Purchase> used = purchases.stream().filter(p -> !p.at().isAfter(dataTo)).toList();
        Map<String, List<Purchase>> byCustomer = PointInTimeFeatures.byCustomer(used);

        ChurnRows training = ChurnRows.concat(trainingCutoffs.stream().map(c -> ChurnRows.at(c, byCustomer)).toList());
        List<ChurnRows> split = training.splitByCustomer(validationShare, seed);
        ChurnRows holdout = ChurnRows.at(holdoutCutoff, byCustomer);

        BoostedChurnModel boosted = BoostedChurnModel.train(split.get(0), split.get(1), boosting);
        // The baseline needs no validation rows, so it gets all training rows: any bias favours the baseline.
        LogisticBaseline baseline = LogisticBaseline.train(training, baselineC);

        ModelVersion version = new ModelVersion(trainingCutoffs, holdoutCutoff, ChurnLabel.WINDOW,
                used.stream().map(Purchase::at).min(Comparator.naturalOrder()).orElseThrow(), dataTo,
                boosted.schema(), split.get(0).size(), split.get(1).size(), holdout.size(), boosted.rounds(), boosting);
        return new TrainedChurnModel(version, boosted, HoldoutMetrics.of(boosted, holdout), HoldoutMetrics.of(baseline, holdout), gate);
    }
}
