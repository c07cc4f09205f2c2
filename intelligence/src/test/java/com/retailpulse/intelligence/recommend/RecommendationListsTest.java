package com.retailpulse.intelligence.recommend;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every model promises about the shape of its answer, whatever it learned. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationListsTest {
    private Interactions interactions;
    private List<Recommender> models;

    @BeforeAll
    void train() {
        interactions = Interactions.of(Purchases.twoTastes().list());
        models = List.of(PopularityRecommender.train(interactions, Repeats.EXCLUDED),
                ItemKnn.train(interactions, Repeats.EXCLUDED),
                CoOccurrence.train(interactions, Repeats.EXCLUDED),
                Bpr.train(interactions, Repeats.EXCLUDED, BprTest.SMALL));
    }

    Stream<Arguments> models() {
        return models.stream().map(model -> Arguments.of(model.getClass().getSimpleName(), model));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void a_customer_gets_exactly_k_distinct_products_none_already_bought(String name, Recommender model) {
        for (int c = 0; c < Purchases.CUSTOMERS_PER_TASTE; c++) {
            String customer = "a-customer" + c;
            List<String> skus = model.recommend(customer, 10).stream().map(ScoredItem::sku).toList();

            assertThat(skus).hasSize(10).doesNotHaveDuplicates().doesNotContainAnyElementsOf(bought(customer));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void asking_for_more_than_the_catalogue_holds_gives_every_product_not_yet_bought_once(String name, Recommender model) {
        List<String> skus = model.recommend("b-customer0", 100).stream().map(ScoredItem::sku).toList();

        // 20 products, of which the customer bought 6.
        assertThat(skus).hasSize(14).doesNotHaveDuplicates();
        assertThat(model.recommend("b-customer0", 0)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void a_customer_never_seen_gets_the_most_popular_products(String name, Recommender model) {
        List<ScoredItem> expected = models.get(0).recommend("nobody", 5);

        assertThat(model.recommend("nobody", 5)).isEqualTo(expected).hasSize(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void under_the_allowed_policy_the_whole_catalogue_can_be_offered_including_products_bought(String name, Recommender model) {
        List<String> skus = model.withRepeats(Repeats.ALLOWED).recommend("a-customer0", 100).stream().map(ScoredItem::sku).toList();

        assertThat(skus).hasSize(20).doesNotHaveDuplicates().containsAll(bought("a-customer0"));
    }

    private Set<String> bought(String customer) {
        Catalog catalog = interactions.catalog();
        return Arrays.stream(catalog.bought(catalog.customerIndex(customer)))
                .mapToObj(catalog::item).collect(Collectors.toSet());
    }
}
