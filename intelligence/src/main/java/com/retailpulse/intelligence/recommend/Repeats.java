package com.retailpulse.intelligence.recommend;

/**
 * Whether a customer may be offered a product they have bought before. Every model of one comparison must
 * use the same policy, or the comparison measures the policy instead of the model.
 */
public enum Repeats {
    /**
     * Re-orders are offered too. On Online Retail a third of a next basket's products were bought before,
     * but the customer's own purchase counts rank those better than any model here does, so this policy
     * mostly measures how well a model re-learns the history (docs/models/recommendations.md).
     */
    ALLOWED,
    /** Discovery: products the customer already bought are never offered; "buy again" is a history query. */
    EXCLUDED
}
