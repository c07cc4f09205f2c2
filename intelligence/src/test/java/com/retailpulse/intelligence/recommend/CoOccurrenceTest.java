package com.retailpulse.intelligence.recommend;

import com.retailpulse.intelligence.data.Purchase;
import com.retailpulse.intelligence.recommend.CoOccurrence.Normalisation;
import com.retailpulse.intelligence.support.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CoOccurrenceTest {

    /**
     * Ten baskets all hold milk; four hold bread, three of those also butter. By raw counts bread's partner
     * is milk (4 shared baskets against 3), but milk is in every basket, so it says nothing about bread.
     */
    private static Interactions breadAndButter() {
        Purchases purchases = new Purchases()
                .basket("c1", "1", 0, "bread", "butter", "milk")
                .basket("c2", "2", 0, "bread", "butter", "milk")
                .basket("c3", "3", 0, "bread", "butter", "milk")
                .basket("c4", "4", 0, "bread", "milk", "eggs");
        for (int b = 5; b <= 10; b++) {
            purchases.basket("c" + b, String.valueOf(b), 0, "milk", b % 2 == 0 ? "eggs" : "jam");
        }
        return Interactions.of(purchases.list());
    }

    @ParameterizedTest
    @EnumSource(Normalisation.class)
    void the_product_bought_with_bread_is_butter_not_the_milk_in_every_basket(Normalisation normalisation) {
        NeighbourhoodRecommender model = CoOccurrence.train(breadAndButter(), Repeats.EXCLUDED, normalisation, 1);

        assertThat(model.similar("bread", 3)).first().extracting(ScoredItem::sku).isEqualTo("butter");
        assertThat(model.similar("butter", 3)).first().extracting(ScoredItem::sku).isEqualTo("bread");
        assertThat(model.similar("bread", 3)).extracting(ScoredItem::sku).doesNotContain("bread");
    }

    @Test
    void a_customer_who_bought_bread_is_offered_butter_first() {
        NeighbourhoodRecommender model = CoOccurrence.train(breadAndButter(), Repeats.EXCLUDED);

        // c4 bought bread, milk and eggs: butter shares three baskets with bread and none with eggs.
        assertThat(model.recommend("c4", 1)).extracting(ScoredItem::sku).containsExactly("butter");
    }

    @Test
    void pairs_seen_in_fewer_baskets_than_the_minimum_are_not_related() {
        NeighbourhoodRecommender model = CoOccurrence.train(breadAndButter(), Repeats.EXCLUDED, Normalisation.LIFT, 4);

        // bread–milk share 4 baskets, bread–butter only 3.
        assertThat(model.similar("bread", 3)).extracting(ScoredItem::sku).containsExactly("milk");
        assertThat(model.similar("unknown sku", 3)).isEmpty();
    }

    @Test
    void on_the_groceries_baskets_the_partners_are_the_well_known_pairs_not_whole_milk() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.require("groceries/groceries.csv"));
        List<Purchase> purchases = new ArrayList<>();
        for (int b = 0; b < lines.size(); b++) {
            for (String item : lines.get(b).split(",")) {
                purchases.add(new Purchase("basket" + b, "basket" + b, Instant.EPOCH, item.trim(), 1, 1.0));
            }
        }
        NeighbourhoodRecommender model = CoOccurrence.train(Interactions.of(purchases), Repeats.EXCLUDED);

        // Whole milk is in a quarter of all baskets, so by raw count it is flour's most frequent partner...
        assertThat(mostFrequentPartner(lines, "flour")).isEqualTo("whole milk");
        // ...while the normalised partners are the pairs the arules Groceries examples are known for.
        assertThat(model.similar("flour", 1)).extracting(ScoredItem::sku).containsExactly("sugar");
        assertThat(model.similar("liquor", 2)).extracting(ScoredItem::sku).containsExactly("bottled beer", "red/blush wine");
        assertThat(model.similar("popcorn", 1)).extracting(ScoredItem::sku).containsExactly("salty snack");
    }

    private static String mostFrequentPartner(List<String> baskets, String sku) {
        Map<String, Integer> counts = new HashMap<>();
        for (String basket : baskets) {
            List<String> items = Arrays.stream(basket.split(",")).map(String::trim).toList();
            if (items.contains(sku)) {
                items.stream().filter(item -> !item.equals(sku)).forEach(item -> counts.merge(item, 1, Integer::sum));
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
