package com.retailpulse.intelligence.churn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a trained churn model was made from, kept with it so that any served score can be traced back.
 *
 * @param trainingCutoffs   feature cutoffs whose rows trained the models
 * @param holdoutCutoff     the cutoff of the evaluation rows; every training label window ends at or before it
 * @param labelWindow       how long after a cutoff a purchase must come to count as "not churned"
 * @param activeWithin      rows are for customers who bought within this time before the row's cutoff
 * @param dataFrom          earliest purchase used
 * @param dataTo            end of the holdout label window: nothing later was read
 * @param schema            the features, in order
 * @param trainingRows      rows the boosted model was fitted on
 * @param validationRows    rows (of other customers, same cutoffs) that decided when boosting stopped
 * @param holdoutRows       rows at the holdout cutoff
 * @param boostingRounds    trees kept by early stopping
 * @param boosting          the XGBoost settings
 * @param calibrationCutoff where the calibration map was fitted, if anywhere
 * @param calibrationRows   rows (validation customers at that cutoff) it was fitted on
 * @param calibration       the map; identity without a calibration cutoff
 */
public record ModelVersion(List<Instant> trainingCutoffs, Instant holdoutCutoff, Duration labelWindow, Duration activeWithin,
                           Instant dataFrom, Instant dataTo, FeatureSchema schema, int trainingRows, int validationRows,
                           int holdoutRows, int boostingRounds, BoostingParameters boosting, Optional<Instant> calibrationCutoff,
                           int calibrationRows, PlattScaling calibration) {

    public ModelVersion {
        trainingCutoffs = List.copyOf(trainingCutoffs);
    }
}
