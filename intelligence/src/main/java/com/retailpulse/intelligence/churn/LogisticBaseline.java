package com.retailpulse.intelligence.churn;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

import java.util.Arrays;

/**
 * The baseline the boosted model must beat: LIBLINEAR's L2-regularised logistic regression (trust-region
 * Newton, unpenalised intercept) on standardised features. A missing value (the interval features of
 * one-order customers) becomes the training mean, i.e. 0 after standardising, so it pulls the score
 * neither way.
 */
public final class LogisticBaseline implements ChurnClassifier {
    private final FeatureSchema schema;
    private final double[] means;
    private final double[] sds;
    private final Model model;
    /** Where P(churned) sits in LIBLINEAR's probability array, which follows the order labels first appeared in. */
    private final int churnedIndex;

    private LogisticBaseline(FeatureSchema schema, double[] means, double[] sds, Model model) {
        this.schema = schema;
        this.means = means;
        this.sds = sds;
        this.model = model;
        this.churnedIndex = model == null ? -1 : Arrays.stream(model.getLabels()).boxed().toList().indexOf(1);
    }

    /**
     * @param c inverse regularisation strength (LIBLINEAR's C): the loss of every row is weighed against ½‖w‖²
     */
    public static LogisticBaseline train(ChurnRows rows, double c) {
        FeatureSchema schema = rows.features().get(0).schema();
        double[][] x = rows.matrix();
        double[] means = new double[schema.size()];
        double[] sds = new double[schema.size()];
        for (int col = 0; col < schema.size(); col++) {
            int column = col;
            double[] present = Arrays.stream(x).mapToDouble(r -> r[column]).filter(Double::isFinite).toArray();
            means[col] = present.length == 0 ? 0 : new Mean().evaluate(present);
            double sd = present.length < 2 ? 0 : new StandardDeviation().evaluate(present);
            sds[col] = sd > 0 ? sd : 1;
        }
        LogisticBaseline unfitted = new LogisticBaseline(schema, means, sds, null);

        Problem problem = new Problem();
        problem.l = rows.size();
        problem.n = schema.size() + 1;
        problem.bias = 1;
        problem.x = Arrays.stream(x).map(unfitted::features).toArray(Feature[][]::new);
        problem.y = Arrays.stream(rows.churned()).asDoubleStream().toArray();
        Parameter parameter = new Parameter(SolverType.L2R_LR, c, 1e-4);
        parameter.setRegularizeBias(false);
        // LIBLINEAR prints every Newton iteration to stdout unless told not to; the switch is global.
        Linear.disableDebugOutput();
        return new LogisticBaseline(schema, means, sds, Linear.train(problem, parameter));
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public double churnProbability(FeatureVector vector) {
        schema.requireSame(vector.schema());
        double[] probabilities = new double[2];
        Linear.predictProbability(model, features(vector.values()), probabilities);
        return probabilities[churnedIndex];
    }

    /** Standardised values as LIBLINEAR's 1-based sparse nodes, with the intercept's constant input last. */
    private Feature[] features(double[] values) {
        Feature[] nodes = new Feature[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            double z = Double.isFinite(values[i]) ? (values[i] - means[i]) / sds[i] : 0.0;
            nodes[i] = new FeatureNode(i + 1, z);
        }
        nodes[values.length] = new FeatureNode(values.length + 1, 1.0);
        return nodes;
    }
}
