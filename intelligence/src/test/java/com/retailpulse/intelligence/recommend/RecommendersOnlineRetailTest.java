package com.retailpulse.intelligence.recommend;

import ai.djl.engine.Engine;
import com.retailpulse.intelligence.data.OnlineRetailCsv;
import com.retailpulse.intelligence.data.Purchase;
import com.retailpulse.intelligence.support.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recommendation models on UCI Online Retail 2010–2011, leave-last-basket-out: 2,845 customers with two
 * or more baskets lose their last one, every model trains on the rest and ranks 10 products per customer.
 * Models are compared under {@link Repeats#EXCLUDED} (discovery); the table also shows the same models
 * with re-orders allowed, against the customer's own purchase history as a "buy again" list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendersOnlineRetailTest {
    private static final int K = 10;

    private LeaveLastBasketOut split;
    private Interactions interactions;
    private final Map<String, TrainedRecommender> trained = new LinkedHashMap<>();
    private final Map<String, RankingMetrics> discovery = new LinkedHashMap<>();
    private final Map<String, RankingMetrics> withRepeats = new LinkedHashMap<>();
    private RankingMetrics buyAgain;

    @BeforeAll
    void trainAndEvaluateEveryModel() throws IOException {
        List<Purchase> purchases = OnlineRetailCsv.read(SharedData.require("online-retail/online_retail_2010_2011.csv.gz"));
        split = LeaveLastBasketOut.of(purchases);
        interactions = Interactions.of(split.training());
        long engineStart = System.nanoTime();
        Engine.getEngine("PyTorch");
        System.out.printf("PyTorch engine ready in %.1f s (0 when an earlier test class started it)%n",
                (System.nanoTime() - engineStart) / 1e9);

        train("popularity", () -> PopularityRecommender.train(interactions, Repeats.EXCLUDED));
        train("item-knn", () -> ItemKnn.train(interactions, Repeats.EXCLUDED));
        train("co-occurrence", () -> CoOccurrence.train(interactions, Repeats.EXCLUDED));
        train("bpr", () -> Bpr.train(interactions, Repeats.EXCLUDED));
        trained.forEach((name, model) -> withRepeats.put(name,
                RankingMetrics.evaluate(model.recommender().withRepeats(Repeats.ALLOWED), split.heldOut(), K)));
        buyAgain = buyAgain();
        print();
    }

    private void train(String name, Supplier<Recommender> training) {
        long start = System.nanoTime();
        Recommender recommender = training.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        RankingMetrics metrics = RankingMetrics.evaluate(recommender, split.heldOut(), K);
        discovery.put(name, metrics);
        trained.put(name, new TrainedRecommender(name, interactions.window(), took,
                Map.of("hr@10", metrics.hitRate(), "ndcg@10", metrics.ndcg(), "customers", (double) metrics.customers()),
                recommender));
    }

    @Test
    void item_knn_co_occurrence_and_bpr_each_beat_popularity_on_the_next_basket() {
        RankingMetrics popularity = discovery.get("popularity");
        for (String model : List.of("item-knn", "co-occurrence", "bpr")) {
            // Measured: popularity 0.179 / 0.026; the others 0.25–0.29 / 0.045–0.051.
            assertThat(discovery.get(model).hitRate()).as(model + " HR@10").isGreaterThan(popularity.hitRate() + 0.05);
            assertThat(discovery.get(model).ndcg()).as(model + " NDCG@10").isGreaterThan(popularity.ndcg() + 0.01);
        }
        assertThat(popularity.customers()).isEqualTo(2_845);
    }

    @Test
    void bpr_finds_a_next_basket_product_for_more_customers_than_either_neighbourhood_model() {
        // Measured HR@10: bpr 0.286 (seeds 1 and 7: 0.283), co-occurrence 0.262, item-knn 0.251.
        // On NDCG@10 bpr and co-occurrence are level (0.050 / 0.048), so no order is claimed there.
        assertThat(discovery.get("bpr").hitRate()).isGreaterThan(discovery.get("co-occurrence").hitRate() + 0.01);
        assertThat(discovery.get("bpr").hitRate()).isGreaterThan(discovery.get("item-knn").hitRate() + 0.01);
    }

    @Test
    void re_orders_are_ranked_best_by_the_customers_own_history_which_is_why_models_are_judged_on_discovery() {
        for (Map.Entry<String, RankingMetrics> model : withRepeats.entrySet()) {
            assertThat(buyAgain.hitRate()).as(model.getKey()).isGreaterThan(model.getValue().hitRate() + 0.05);
            assertThat(buyAgain.ndcg()).as(model.getKey()).isGreaterThan(model.getValue().ndcg() + 0.03);
        }
    }

    @Test
    void every_test_customer_is_offered_exactly_ten_distinct_products_they_have_not_bought() {
        Catalog catalog = interactions.catalog();
        for (TrainedRecommender model : trained.values()) {
            for (String customer : split.heldOut().keySet()) {
                List<String> skus = model.recommender().recommend(customer, K).stream().map(ScoredItem::sku).toList();
                Set<String> bought = new HashSet<>();
                Arrays.stream(catalog.bought(catalog.customerIndex(customer))).forEach(item -> bought.add(catalog.item(item)));

                assertThat(skus).as(model.model() + " for " + customer)
                        .hasSize(K).doesNotHaveDuplicates().doesNotContainAnyElementsOf(bought);
            }
        }
    }

    @Test
    void bpr_serves_a_customers_top_10_from_the_exported_embeddings() {
        Recommender bpr = trained.get("bpr").recommender();
        List<String> customers = new ArrayList<>(split.heldOut().keySet());
        for (int i = 0; i < 2_000; i++) {
            bpr.recommend(customers.get(i % customers.size()), K);   // let the JIT compile the scoring loop
        }
        int calls = 10_000;
        long[] nanos = new long[calls];
        int fullLists = 0;
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            List<ScoredItem> top = bpr.recommend(customers.get(i % customers.size()), K);
            nanos[i] = System.nanoTime() - start;
            fullLists += top.size() == K ? 1 : 0;
        }
        Arrays.sort(nanos);
        System.out.printf("bpr serving, %d calls of top-%d over %d products: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                calls, K, interactions.catalog().itemCount(), nanos[calls / 2] / 1e6, nanos[calls * 99 / 100] / 1e6,
                nanos[calls - 1] / 1e6);
        assertThat(fullLists).isEqualTo(calls);
    }

    @Test
    void every_trained_model_reads_back_from_its_bytes_recommending_exactly_the_same() throws IOException {
        for (TrainedRecommender original : trained.values()) {
            byte[] bytes = original.toBytes();
            TrainedRecommender copy = TrainedRecommender.fromBytes(bytes);
            System.out.printf("%s file: %.1f MB%n", original.model(), bytes.length / 1e6);

            assertThat(copy.window()).isEqualTo(original.window());
            assertThat(copy.metrics()).isEqualTo(original.metrics());
            for (String customer : split.heldOut().keySet()) {
                assertThat(copy.recommender().recommend(customer, K)).isEqualTo(original.recommender().recommend(customer, K));
            }
            assertThat(RankingMetrics.evaluate(copy.recommender(), split.heldOut(), K)).isEqualTo(discovery.get(original.model()));
        }
    }

    /** Each customer's own products, most often bought first: the re-order list that needs no model. */
    private RankingMetrics buyAgain() {
        Map<String, Map<String, Set<String>>> basketsWith = new HashMap<>();
        for (Purchase purchase : split.training()) {
            basketsWith.computeIfAbsent(purchase.customerId(), c -> new HashMap<>())
                    .computeIfAbsent(purchase.sku(), sku -> new HashSet<>()).add(purchase.orderId());
        }
        double hits = 0;
        double ndcg = 0;
        for (Map.Entry<String, Set<String>> test : split.heldOut().entrySet()) {
            List<String> ranked = basketsWith.get(test.getKey()).entrySet().stream()
                    .sorted(Map.Entry.<String, Set<String>>comparingByValue((a, b) -> Integer.compare(b.size(), a.size()))
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).limit(K).toList();
            hits += RankingMetrics.hit(ranked, test.getValue(), K) ? 1 : 0;
            ndcg += RankingMetrics.ndcg(ranked, test.getValue(), K);
        }
        return new RankingMetrics(hits / split.heldOut().size(), ndcg / split.heldOut().size(), split.heldOut().size());
    }

    private void print() {
        DataWindow window = interactions.window();
        System.out.printf("%nOnline Retail, leave-last-basket-out: %d test customers; training %d lines, %d baskets, %d customers, %d products%n",
                split.heldOut().size(), window.purchases(), window.baskets(), window.customers(), window.items());
        Catalog catalog = interactions.catalog();
        long heldOutProducts = 0;
        long boughtBefore = 0;
        for (Map.Entry<String, Set<String>> test : split.heldOut().entrySet()) {
            int[] bought = catalog.bought(catalog.customerIndex(test.getKey()));
            for (String sku : test.getValue()) {
                heldOutProducts++;
                boughtBefore += Arrays.binarySearch(bought, catalog.itemIndex(sku)) >= 0 ? 1 : 0;
            }
        }
        System.out.printf("held-out products the same customer had bought before: %d of %d (%.1f%%)%n",
                boughtBefore, heldOutProducts, 100.0 * boughtBefore / heldOutProducts);
        System.out.printf("%-14s %9s | %-17s %-9s | %-17s %-9s%n", "model", "train s", "HR@10 discovery", "NDCG@10",
                "HR@10 repeats ok", "NDCG@10");
        trained.forEach((name, model) -> System.out.printf("%-14s %9.1f | %-17.4f %-9.4f | %-17.4f %-9.4f%n", name,
                model.trainingTime().toMillis() / 1000.0, discovery.get(name).hitRate(), discovery.get(name).ndcg(),
                withRepeats.get(name).hitRate(), withRepeats.get(name).ndcg()));
        System.out.printf("%-14s %9s | %-17s %-9s | %-17.4f %-9.4f%n%n", "buy-again", "-", "-", "-", buyAgain.hitRate(), buyAgain.ndcg());
    }
}
