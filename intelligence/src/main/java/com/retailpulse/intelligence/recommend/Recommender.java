package com.retailpulse.intelligence.recommend;

import java.util.List;

/**
 * Ranks products for a customer. Every model is trained from the same purchases (returns left out, one
 * basket per order id) and answers with at most {@code k} distinct products, best first; it answers with
 * exactly {@code k} whenever the catalogue has that many products the customer may be offered, falling
 * back on popularity for customers it has never seen.
 */
public sealed interface Recommender permits PopularityRecommender, NeighbourhoodRecommender, BprRecommender {

    List<ScoredItem> recommend(String customerId, int k);

    /** The same trained model serving under another repeat policy, sharing its parameters: no retraining. */
    Recommender withRepeats(Repeats policy);
}
