package com.retailpulse.intelligence.recommend;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BprTest {
    /**
     * Trains in well under a second once the engine is up. The regularisation matters: with λ = 1e-4 the
     * 16 dimensions memorise each customer's six products and rank the other taste's products as often.
     */
    static final Bpr.Settings SMALL = new Bpr.Settings(16, 50, 0.02f, 0.01f, 64, 3L);

    @Test
    void customers_are_offered_the_products_of_their_own_taste() {
        Interactions interactions = Interactions.of(Purchases.twoTastes().list());
        BprRecommender model = Bpr.train(interactions, Repeats.EXCLUDED, SMALL);

        int slots = 0;
        int ownTaste = 0;
        for (String taste : List.of("a", "b")) {
            for (int c = 0; c < Purchases.CUSTOMERS_PER_TASTE; c++) {
                // Each bought 6 of their taste's 10 products: the other 4 are the right unbought candidates.
                List<String> top = model.recommend(taste + "-customer" + c, 4).stream().map(ScoredItem::sku).toList();
                assertThat(top.get(0)).startsWith(taste);
                slots += top.size();
                ownTaste += (int) top.stream().filter(sku -> sku.startsWith(taste)).count();
            }
        }
        // By chance 4 of the 14 unbought products (29 %) would be of the customer's taste.
        assertThat(ownTaste / (double) slots).isGreaterThan(0.95);
        assertThat(model.similar("a0", 5)).extracting(ScoredItem::sku).allMatch(sku -> sku.startsWith("a")).doesNotContain("a0");
    }

    @Test
    void the_same_seed_trains_the_same_embeddings() {
        Interactions interactions = Interactions.of(Purchases.twoTastes().list());

        BprRecommender first = Bpr.train(interactions, Repeats.EXCLUDED, SMALL);
        BprRecommender second = Bpr.train(interactions, Repeats.EXCLUDED, SMALL);
        BprRecommender otherSeed = Bpr.train(interactions, Repeats.EXCLUDED, new Bpr.Settings(16, 50, 0.02f, 0.01f, 64, 4L));

        // PyTorch's CPU kernels sum across threads in whatever order the threads finish, so two runs agree to
        // float rounding rather than bit for bit (seen once in ten runs on a loaded machine).
        assertThat(second.itemFactors()).containsExactly(first.itemFactors(), org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(second.userFactors()).containsExactly(first.userFactors(), org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(otherSeed.itemFactors()).isNotEqualTo(first.itemFactors());
        assertThat(first.recommend("a-customer0", 4)).isEqualTo(second.recommend("a-customer0", 4));
    }
}
