package com.retailpulse.intelligence.recommend;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Matrix factorisation for BPR: a user embedding table and an item embedding table. For a batch of
 * (user, bought item, sampled other item) it returns x_uij = u·i − u·j and the squared norms of the
 * three rows, so the loss can regularise only the rows the batch touched (as in Rendle et al. 2009).
 */
final class BprBlock extends AbstractBlock {
    private final Parameter users;
    private final Parameter items;

    BprBlock(int userCount, int itemCount, int dimension, Initializer initializer) {
        super((byte) 1);
        users = addParameter(Parameter.builder().setName("users").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(userCount, dimension)).optInitializer(initializer).build());
        items = addParameter(Parameter.builder().setName("items").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(itemCount, dimension)).optInitializer(initializer).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray userTable = store.getValue(users, inputs.head().getDevice(), training);
        NDArray itemTable = store.getValue(items, inputs.head().getDevice(), training);
        NDArray u = Embedding.embedding(inputs.get(0), userTable, SparseFormat.DENSE).head();
        NDArray i = Embedding.embedding(inputs.get(1), itemTable, SparseFormat.DENSE).head();
        NDArray j = Embedding.embedding(inputs.get(2), itemTable, SparseFormat.DENSE).head();
        NDArray difference = u.mul(i.sub(j)).sum(new int[] {1});
        NDArray squaredNorms = u.square().add(i.square()).add(j.square()).sum(new int[] {1});
        return new NDList(difference, squaredNorms);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], inputShapes[0]};
    }

    /** The trained user table as a row-major float array: serving needs no NDArray per request. */
    float[] userFactors() {
        return users.getArray().toFloatArray();
    }

    float[] itemFactors() {
        return items.getArray().toFloatArray();
    }
}
