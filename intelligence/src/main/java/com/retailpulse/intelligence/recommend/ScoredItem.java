package com.retailpulse.intelligence.recommend;

/**
 * One recommended product and the score that ranked it. Scores compare only within one model's answer:
 * a co-occurrence lift and a BPR dot product are on different scales.
 */
public record ScoredItem(String sku, double score) {
}
