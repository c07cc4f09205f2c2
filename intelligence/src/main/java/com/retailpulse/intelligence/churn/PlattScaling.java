package com.retailpulse.intelligence.churn;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

import java.util.Arrays;

/**
 * Platt scaling: calibrated P(churn) = σ(slope · logit(p) + intercept), with slope and intercept those of a
 * logistic regression of the outcome on the model's logit. Monotone, so it moves probabilities without
 * changing any rank (AUCs stay the same). Two parameters are enough to shift and stretch a model whose
 * level is off for a season, and few enough to fit on a few hundred rows.
 *
 * @param slope     multiplies the model's logit: below 1 pulls probabilities toward the middle
 * @param intercept added to the logit: negative lowers every churn probability
 */
public record PlattScaling(double slope, double intercept) {

    /** Leaves probabilities as they are. */
    public static final PlattScaling IDENTITY = new PlattScaling(1, 0);

    /** Keeps a probability of exactly 0 or 1 (a float rounded there) from becoming an infinite logit. */
    private static final double EDGE = 1e-7;

    /**
     * Fits the two parameters by LIBLINEAR's logistic regression. Its slope penalty ½ slope² is made
     * negligible by a large C (one feature, hundreds of rows), and the intercept is not penalised at all,
     * so this is the plain maximum-likelihood fit.
     */
    public static PlattScaling fit(double[] churnProbability, int[] churned) {
        if (churnProbability.length != churned.length || Arrays.stream(churned).distinct().count() < 2) {
            throw new IllegalArgumentException("calibration needs matched rows with both outcomes");
        }
        Problem problem = new Problem();
        problem.l = churned.length;
        problem.n = 2;
        problem.bias = 1;
        problem.x = Arrays.stream(churnProbability)
                .mapToObj(p -> new Feature[]{new FeatureNode(1, logit(p)), new FeatureNode(2, 1.0)})
                .toArray(Feature[][]::new);
        problem.y = Arrays.stream(churned).asDoubleStream().toArray();
        Parameter parameter = new Parameter(SolverType.L2R_LR, 1e6, 1e-8);
        parameter.setRegularizeBias(false);
        Linear.disableDebugOutput();
        var model = Linear.train(problem, parameter);
        // LIBLINEAR's weights are for its first label; flip them when that label is "stayed" (0).
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        return new PlattScaling(sign * model.getFeatureWeights()[0], sign * model.getFeatureWeights()[1]);
    }

    public double apply(double churnProbability) {
        if (slope == 1 && intercept == 0) {
            // Bit for bit: the round trip through the logit would move scores in the last digits.
            return churnProbability;
        }
        return 1 / (1 + Math.exp(-(slope * logit(churnProbability) + intercept)));
    }

    private static double logit(double p) {
        double clipped = Math.min(1 - EDGE, Math.max(EDGE, p));
        return Math.log(clipped / (1 - clipped));
    }
}
