package com.retailpulse.intelligence.recommend;

import java.util.List;

/**
 * Scores a product by summing its similarity to each product the customer bought (the classic item-based
 * collaborative filter). Item-kNN and co-occurrence differ only in where the similarities come from, so
 * they share this serving side and its file format.
 */
public final class NeighbourhoodRecommender implements Recommender, SimilarItems {
    private final String name;
    private final Catalog catalog;
    private final ItemNeighbours neighbours;
    private final Repeats repeats;

    NeighbourhoodRecommender(String name, Catalog catalog, ItemNeighbours neighbours, Repeats repeats) {
        this.name = name;
        this.catalog = catalog;
        this.neighbours = neighbours;
        this.repeats = repeats;
    }

    @Override
    public List<ScoredItem> recommend(String customerId, int k) {
        int customer = catalog.customerIndex(customerId);
        if (customer < 0) {
            return catalog.top(catalog.popularity(), k, new int[0]);
        }
        float[] scores = new float[catalog.itemCount()];
        for (int item : catalog.bought(customer)) {
            int[] near = neighbours.of(item);
            float[] similarity = neighbours.similaritiesOf(item);
            for (int i = 0; i < near.length; i++) {
                scores[near[i]] += similarity[i];
            }
        }
        return catalog.top(scores, k, catalog.excluded(customer, repeats));
    }

    @Override
    public List<ScoredItem> similar(String sku, int k) {
        int item = catalog.itemIndex(sku);
        return item < 0 ? List.of() : catalog.firstOf(neighbours.of(item), neighbours.similaritiesOf(item), k);
    }

    /** "item-knn" or "co-occurrence": which similarity built the neighbour lists. */
    public String name() {
        return name;
    }

    @Override
    public NeighbourhoodRecommender withRepeats(Repeats policy) {
        return new NeighbourhoodRecommender(name, catalog, neighbours, policy);
    }

    Catalog catalog() {
        return catalog;
    }

    ItemNeighbours neighbours() {
        return neighbours;
    }

    Repeats repeats() {
        return repeats;
    }
}
