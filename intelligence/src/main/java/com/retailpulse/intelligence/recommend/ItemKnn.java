package com.retailpulse.intelligence.recommend;

/**
 * Item-kNN: two products are similar when the same customers buy them, whenever they do. Each product is a
 * binary vector over customers and similarity is the cosine, c(a,b) / sqrt(n(a) n(b)).
 */
public final class ItemKnn {
    /** Enough for a top-10 list built from a customer's dozens of products; more only adds weak links. */
    public static final int NEIGHBOURS = 200;

    private ItemKnn() {
    }

    public static NeighbourhoodRecommender train(Interactions interactions, Repeats repeats) {
        ItemNeighbours neighbours = ItemNeighbours.fromRows(interactions.customerItems(),
                interactions.catalog().itemCount(), ItemKnn::cosine, 1, NEIGHBOURS);
        return new NeighbourhoodRecommender("item-knn", interactions.catalog(), neighbours, repeats);
    }

    static double cosine(int both, int withA, int withB, int rows) {
        return both / Math.sqrt((double) withA * withB);
    }
}
