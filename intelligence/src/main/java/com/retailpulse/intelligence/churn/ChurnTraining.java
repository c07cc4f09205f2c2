package com.retailpulse.intelligence.churn;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Trains the boosted model and the baseline with a time-based holdout: models learn from cutoffs whose
 * label windows close by the holdout cutoff, and are judged on customers as they stood at the holdout
 * cutoff, labelled by what they did afterwards. Nothing from after the holdout cutoff reaches training,
 * and the calibration map is fitted on training-period rows too.
 *
 * @param trainingCutoffs   cutoffs whose rows are stacked for training (a customer may appear at several)
 * @param holdoutCutoff     the evaluation cutoff
 * @param activeWithin      a row exists for a customer who bought within this time before its cutoff, at every
 *                          cutoff alike (training, calibration, holdout)
 * @param calibrationCutoff where the Platt map is fitted, on the validation customers' rows (out of sample for
 *                          the trees); empty: the trees' probabilities are served as they are
 * @param validationShare   share of training customers held out to stop boosting (and to calibrate)
 * @param seed              the validation split's seed
 * @param boosting          XGBoost settings
 * @param baselineC         the baseline's inverse regularisation strength (LIBLINEAR's C)
 * @param gate              the promotion rule
 */
public record ChurnTraining(List<Instant> trainingCutoffs, Instant holdoutCutoff, Duration activeWithin,
                            Optional<Instant> calibrationCutoff, double validationShare, long seed,
                            BoostingParameters boosting, double baselineC, PromotionGate gate) {

    public ChurnTraining {
        trainingCutoffs = List.copyOf(trainingCutoffs);
        for (Instant cutoff : Stream.concat(trainingCutoffs.stream(), calibrationCutoff.stream()).toList()) {
            if (ChurnLabel.windowEnd(cutoff).isAfter(holdoutCutoff)) {
                throw new IllegalArgumentException("the label window of training cutoff " + cutoff
                        + " ends after the holdout cutoff " + holdoutCutoff + ": training would see the holdout period");
            }
        }
    }

    /** The same plan with other training cutoffs and no calibration: for comparing plans on one holdout. */
    public ChurnTraining withUncalibratedCutoffs(List<Instant> cutoffs) {
        return new ChurnTraining(cutoffs, holdoutCutoff, activeWithin, Optional.empty(), validationShare, seed, boosting,
                baselineC, gate);
    }

    /** The plan's rows at one cutoff: its active customers, with features before and labels after it. */
    public ChurnRows rowsAt(Instant cutoff, Map<String, List<Purchase>> byCustomer) {
        return ChurnRows.at(cutoff, byCustomer, activeWithin);
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

        ChurnRows training = ChurnRows.concat(trainingCutoffs.stream().map(c -> rowsAt(c, byCustomer)).toList());
        List<ChurnRows> split = training.splitByCustomer(validationShare, seed);
        ChurnRows holdout = rowsAt(holdoutCutoff, byCustomer);

        BoostedChurnModel trees = BoostedChurnModel.train(split.get(0), split.get(1), boosting);
        Optional<ChurnRows> calibrationRows = calibrationCutoff.map(c -> rowsAt(c, byCustomer).ofCustomers(split.get(1).customers()));
        BoostedChurnModel boosted = calibrationRows
                .map(rows -> trees.withCalibration(PlattScaling.fit(trees.churnProbabilities(rows), rows.churned())))
                .orElse(trees);
        // The baseline needs no validation rows, so it gets all training rows: any bias favours the baseline.
        LogisticBaseline baseline = LogisticBaseline.train(training, baselineC);

        ModelVersion version = new ModelVersion(trainingCutoffs, holdoutCutoff, ChurnLabel.WINDOW, activeWithin,
                used.stream().map(Purchase::at).min(Comparator.naturalOrder()).orElseThrow(), dataTo,
                boosted.schema(), split.get(0).size(), split.get(1).size(), holdout.size(), boosted.rounds(), boosting,
                calibrationCutoff, calibrationRows.map(ChurnRows::size).orElse(0), boosted.calibration());
        return new TrainedChurnModel(version, boosted, HoldoutMetrics.of(boosted, holdout), HoldoutMetrics.of(baseline, holdout), gate);
    }
}
