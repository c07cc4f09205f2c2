package com.retailpulse.intelligence.recommend;

import java.util.List;

/**
 * A trained BPR model as plain float arrays: a customer's score for a product is the dot product of their
 * embeddings. Serving is one pass over the item table and a top-k, with no DJL engine or NDArray.
 */
public final class BprRecommender implements Recommender, SimilarItems {
    private final Catalog catalog;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final int dimension;
    private final Repeats repeats;

    BprRecommender(Catalog catalog, float[] userFactors, float[] itemFactors, int dimension, Repeats repeats) {
        if (userFactors.length != catalog.customerCount() * dimension || itemFactors.length != catalog.itemCount() * dimension) {
            throw new IllegalArgumentException("embedding tables do not match the catalogue at dimension " + dimension);
        }
        this.catalog = catalog;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.dimension = dimension;
        this.repeats = repeats;
    }

    @Override
    public List<ScoredItem> recommend(String customerId, int k) {
        int customer = catalog.customerIndex(customerId);
        if (customer < 0) {
            return catalog.top(catalog.popularity(), k, new int[0]);
        }
        float[] scores = new float[catalog.itemCount()];
        int user = customer * dimension;
        for (int item = 0; item < scores.length; item++) {
            scores[item] = dot(userFactors, user, itemFactors, item * dimension);
        }
        return catalog.top(scores, k, catalog.excluded(customer, repeats));
    }

    /** Products whose embeddings point the same way (cosine), i.e. that the same customers prefer. */
    @Override
    public List<ScoredItem> similar(String sku, int k) {
        int item = catalog.itemIndex(sku);
        if (item < 0) {
            return List.of();
        }
        int offset = item * dimension;
        double norm = Math.sqrt(dot(itemFactors, offset, itemFactors, offset));
        float[] scores = new float[catalog.itemCount()];
        for (int other = 0; other < scores.length; other++) {
            int otherOffset = other * dimension;
            double otherNorm = Math.sqrt(dot(itemFactors, otherOffset, itemFactors, otherOffset));
            scores[other] = (float) (dot(itemFactors, offset, itemFactors, otherOffset) / Math.max(norm * otherNorm, 1e-12));
        }
        return catalog.top(scores, k, new int[] {item});
    }

    private float dot(float[] a, int aOffset, float[] b, int bOffset) {
        float sum = 0;
        for (int d = 0; d < dimension; d++) {
            sum += a[aOffset + d] * b[bOffset + d];
        }
        return sum;
    }

    @Override
    public BprRecommender withRepeats(Repeats policy) {
        return new BprRecommender(catalog, userFactors, itemFactors, dimension, policy);
    }

    Catalog catalog() {
        return catalog;
    }

    float[] userFactors() {
        return userFactors;
    }

    float[] itemFactors() {
        return itemFactors;
    }

    int dimension() {
        return dimension;
    }

    Repeats repeats() {
        return repeats;
    }
}
