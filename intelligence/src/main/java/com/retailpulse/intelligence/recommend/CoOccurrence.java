package com.retailpulse.intelligence.recommend;

/**
 * "Bought A, also bought B": two products are related when they are in the same basket. Raw counts would
 * pair everything with the best sellers, so counts are normalised:
 * <ul>
 *   <li>{@link Normalisation#COSINE}: c(a,b) / sqrt(n(a) n(b)), which discounts both popular sides;</li>
 *   <li>{@link Normalisation#LIFT}: c(a,b) N / (n(a) n(b)), how much more often than chance; it favours
 *       rare pairs, so pairs need {@code minBaskets} shared baskets before they count.</li>
 * </ul>
 */
public final class CoOccurrence {

    public enum Normalisation { COSINE, LIFT }

    /** The settings measured best on Online Retail (docs/models/recommendations.md). */
    public static final Normalisation DEFAULT_NORMALISATION = Normalisation.COSINE;
    public static final int DEFAULT_MIN_BASKETS = 2;

    private CoOccurrence() {
    }

    public static NeighbourhoodRecommender train(Interactions interactions, Repeats repeats) {
        return train(interactions, repeats, DEFAULT_NORMALISATION, DEFAULT_MIN_BASKETS);
    }

    public static NeighbourhoodRecommender train(Interactions interactions, Repeats repeats,
                                                 Normalisation normalisation, int minBaskets) {
        ItemNeighbours.Similarity similarity = normalisation == Normalisation.LIFT
                ? (both, withA, withB, baskets) -> (double) both * baskets / ((double) withA * withB)
                : ItemKnn::cosine;
        ItemNeighbours neighbours = ItemNeighbours.fromRows(interactions.baskets(),
                interactions.catalog().itemCount(), similarity, minBaskets, ItemKnn.NEIGHBOURS);
        return new NeighbourhoodRecommender("co-occurrence", interactions.catalog(), neighbours, repeats);
    }
}
