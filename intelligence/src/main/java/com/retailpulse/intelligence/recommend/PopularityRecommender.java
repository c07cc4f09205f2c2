package com.retailpulse.intelligence.recommend;

import java.util.List;

/**
 * The baseline every personal model must beat: the products in the most baskets, the same list for
 * everyone (less, under {@link Repeats#EXCLUDED}, what the customer already bought).
 */
public final class PopularityRecommender implements Recommender {
    private final Catalog catalog;
    private final Repeats repeats;

    PopularityRecommender(Catalog catalog, Repeats repeats) {
        this.catalog = catalog;
        this.repeats = repeats;
    }

    public static PopularityRecommender train(Interactions interactions, Repeats repeats) {
        return new PopularityRecommender(interactions.catalog(), repeats);
    }

    @Override
    public List<ScoredItem> recommend(String customerId, int k) {
        int customer = catalog.customerIndex(customerId);
        int[] excluded = customer < 0 ? new int[0] : catalog.excluded(customer, repeats);
        return catalog.top(catalog.popularity(), k, excluded);
    }

    @Override
    public PopularityRecommender withRepeats(Repeats policy) {
        return new PopularityRecommender(catalog, policy);
    }

    Catalog catalog() {
        return catalog;
    }

    Repeats repeats() {
        return repeats;
    }
}
