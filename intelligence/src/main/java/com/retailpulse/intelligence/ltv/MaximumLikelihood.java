package com.retailpulse.intelligence.ltv;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Maximises a log-likelihood of strictly positive parameters with Nelder-Mead on their logarithms: the
 * log makes the search unconstrained and puts parameters of very different scales (BG/NBD's r near 0.2 and
 * alpha near 4 or 40) on a similar footing. Nelder-Mead because the likelihoods have no cheap gradient
 * and only 3 or 4 parameters. A single simplex run can stall on a ridge, so it restarts from its own
 * optimum until a restart no longer improves the likelihood.
 */
final class MaximumLikelihood {
    /** exp(±20) spans 2e-9..5e8: a parameter beyond that is running off, not converging. */
    private static final double LOG_BOUND = 20;
    private static final int EVALUATIONS_PER_RUN = 20_000;
    private static final int MAX_RUNS = 12;

    private MaximumLikelihood() {
    }

    /** The maximising parameters (not logged) of {@code logLikelihood}, which is given parameters (not logged). */
    static double[] maximise(String model, String[] names, ToDoubleFunction<double[]> logLikelihood) {
        ObjectiveFunction negative = new ObjectiveFunction(logs -> {
            for (double log : logs) {
                if (Math.abs(log) > LOG_BOUND) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            double value = -logLikelihood.applyAsDouble(exp(logs));
            return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
        });
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-10);
        double[] logs = new double[names.length];
        double best = Double.POSITIVE_INFINITY;
        double step = 1;
        for (int run = 0; run < MAX_RUNS; run++) {
            PointValuePair optimum;
            try {
                optimum = optimizer.optimize(new MaxEval(EVALUATIONS_PER_RUN), negative, GoalType.MINIMIZE,
                        new InitialGuess(logs), new NelderMeadSimplex(filled(names.length, step)));
            } catch (TooManyEvaluationsException e) {
                throw new ModelFitException(model + " fit did not converge: Nelder-Mead used " + EVALUATIONS_PER_RUN
                        + " likelihood evaluations without settling", e);
            }
            boolean settled = best - optimum.getValue() < 1e-9;
            if (optimum.getValue() <= best) {
                logs = optimum.getPoint();
                best = optimum.getValue();
            }
            if (settled) {
                return checked(model, names, logs, best);
            }
            step = 0.1;
        }
        throw new ModelFitException(model + " fit did not converge: the likelihood still improved after " + MAX_RUNS
                + " Nelder-Mead restarts");
    }

    private static double[] checked(String model, String[] names, double[] logs, double negativeLogLikelihood) {
        if (!Double.isFinite(negativeLogLikelihood)) {
            throw new ModelFitException(model + " fit did not converge: no parameters give a finite likelihood");
        }
        for (int i = 0; i < logs.length; i++) {
            if (Math.abs(logs[i]) > LOG_BOUND - 1) {
                throw new ModelFitException(model + " fit did not converge: " + names[i] + " ran off to " + Math.exp(logs[i])
                        + " (the data do not pin it down)");
            }
        }
        return exp(logs);
    }

    private static double[] exp(double[] logs) {
        return Arrays.stream(logs).map(Math::exp).toArray();
    }

    private static double[] filled(int length, double value) {
        double[] steps = new double[length];
        Arrays.fill(steps, value);
        return steps;
    }
}
