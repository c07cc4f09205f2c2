package com.retailpulse.intelligence.recommend;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hit rate and NDCG at a cut-off, with binary relevance: a recommended product is relevant when it is in
 * the customer's held-out basket. The ideal ranking puts min(|basket|, k) relevant products on top, so a
 * customer whose whole top-k is in their basket scores NDCG 1 however large the basket.
 *
 * @param hitRate   share of customers with at least one relevant product in their top k
 * @param ndcg      mean NDCG@k over customers
 * @param customers customers evaluated
 */
public record RankingMetrics(double hitRate, double ndcg, int customers) {

    /** Whether any of the first {@code k} recommendations is relevant. */
    public static boolean hit(List<String> ranked, Set<String> relevant, int k) {
        return ranked.stream().limit(k).anyMatch(relevant::contains);
    }

    /** DCG of the first {@code k} recommendations over the best DCG any ranking could reach. */
    public static double ndcg(List<String> ranked, Set<String> relevant, int k) {
        double dcg = 0;
        for (int rank = 0; rank < Math.min(k, ranked.size()); rank++) {
            if (relevant.contains(ranked.get(rank))) {
                dcg += gain(rank);
            }
        }
        double ideal = 0;
        for (int rank = 0; rank < Math.min(k, relevant.size()); rank++) {
            ideal += gain(rank);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /** 1 / log2(position + 1) for the 1-based position, i.e. 1 at the top. */
    private static double gain(int zeroBasedRank) {
        return 1 / (Math.log(zeroBasedRank + 2) / Math.log(2));
    }

    /** Mean HR@k and NDCG@k of {@code recommender} over every held-out basket. */
    public static RankingMetrics evaluate(Recommender recommender, Map<String, Set<String>> heldOut, int k) {
        double hits = 0;
        double ndcg = 0;
        for (Map.Entry<String, Set<String>> test : heldOut.entrySet()) {
            List<String> ranked = recommender.recommend(test.getKey(), k).stream().map(ScoredItem::sku).toList();
            hits += hit(ranked, test.getValue(), k) ? 1 : 0;
            ndcg += ndcg(ranked, test.getValue(), k);
        }
        int customers = heldOut.size();
        return new RankingMetrics(hits / customers, ndcg / customers, customers);
    }
}
