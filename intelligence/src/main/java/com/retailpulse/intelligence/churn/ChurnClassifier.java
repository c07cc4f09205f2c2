package com.retailpulse.intelligence.churn;

/** Anything that turns a feature vector into a churn probability; the metrics and the gate compare these. */
public interface ChurnClassifier {

    /** The schema the classifier was trained on; vectors of any other schema are refused. */
    FeatureSchema schema();

    /** Probability that the customer buys nothing in the 90 days after the vector's cutoff. */
    double churnProbability(FeatureVector vector);

    /** Probability that the customer buys in the 90 days after the cutoff: what campaigns target on. */
    default double purchasePropensity(FeatureVector vector) {
        return 1.0 - churnProbability(vector);
    }

    default double[] churnProbabilities(ChurnRows rows) {
        return rows.stream().mapToDouble(this::churnProbability).toArray();
    }
}
