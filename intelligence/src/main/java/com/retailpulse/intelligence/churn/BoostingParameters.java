package com.retailpulse.intelligence.churn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * XGBoost settings for the churn model. Modest on purpose: a few thousand customers per cutoff do not
 * support deep trees, and early stopping on the validation split picks the number of rounds. The
 * defaults' depth and leaf weight had the lowest mean validation log loss over five split seeds among
 * depth {2, 3, 4} × min_child_weight {5, 20} on the Online Retail training cutoffs (docs/models/churn.md).
 *
 * @param maxDepth              depth of each tree
 * @param eta                   learning rate
 * @param maxRounds             upper bound on boosting rounds
 * @param earlyStoppingRounds   stop after this many rounds without a better validation log loss
 * @param subsample             share of rows each tree sees
 * @param columnSample          share of features each tree sees
 * @param minChildWeight        minimum hessian in a leaf: keeps leaves from fitting a handful of customers
 * @param seed                  fixes row and column sampling, so a retrain gives the same model
 * @param threads               OpenMP threads. One by default: on a two-core machine shared with other work,
 *                              two threads made 100 rounds on 4,000 rows take 9.7 s instead of 0.23 s
 *                              (OpenMP threads wait on each other for every split when a core is taken)
 */
public record BoostingParameters(int maxDepth, double eta, int maxRounds, int earlyStoppingRounds, double subsample,
                                 double columnSample, double minChildWeight, long seed, int threads) {

    public static final BoostingParameters DEFAULTS = new BoostingParameters(2, 0.05, 600, 40, 0.8, 0.8, 5, 42, 1);

    Map<String, Object> toXgboost() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "binary:logistic");
        params.put("eval_metric", "logloss");
        params.put("tree_method", "hist");
        params.put("max_depth", maxDepth);
        params.put("eta", eta);
        params.put("subsample", subsample);
        params.put("colsample_bytree", columnSample);
        params.put("min_child_weight", minChildWeight);
        params.put("seed", seed);
        params.put("nthread", threads);
        params.put("verbosity", 0);
        // xgboost4j prints every round's evaluation unless this is the string "false" (a Boolean is ignored).
        params.put("verbose_eval", "false");
        return params;
    }
}
