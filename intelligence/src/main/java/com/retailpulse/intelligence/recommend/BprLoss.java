package com.retailpulse.intelligence.recommend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;

/**
 * BPR's objective per sampled triple: −log σ(x_uij) + λ (‖u‖² + ‖i‖² + ‖j‖²), averaged over the batch.
 * −log σ(x) is written as softplus(−x), which stays finite for large |x|. There are no labels: the
 * preference (bought over not bought) is in how the triples were sampled.
 */
final class BprLoss extends Loss {
    private final float regularisation;

    BprLoss(float regularisation) {
        super("bpr");
        this.regularisation = regularisation;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray difference = predictions.get(0);
        NDArray squaredNorms = predictions.get(1);
        return Activation.softPlus(difference.neg()).add(squaredNorms.mul(regularisation)).mean();
    }
}
