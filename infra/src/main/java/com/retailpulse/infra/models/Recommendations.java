package com.retailpulse.infra.models;

import com.retailpulse.intelligence.data.Purchase;
import com.retailpulse.intelligence.recommend.Bpr;
import com.retailpulse.intelligence.recommend.Interactions;
import com.retailpulse.intelligence.recommend.LeaveLastBasketOut;
import com.retailpulse.intelligence.recommend.PopularityRecommender;
import com.retailpulse.intelligence.recommend.RankingMetrics;
import com.retailpulse.intelligence.recommend.Repeats;
import com.retailpulse.intelligence.recommend.ScoredItem;
import com.retailpulse.intelligence.recommend.SimilarItems;
import com.retailpulse.intelligence.recommend.TrainedRecommender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The recommendation model in service, and how a new version is made: BPR (ADR 0014) trained with
 * DJL on the purchases in the event store, measured by leave-last-basket-out against the popularity
 * baseline, promoted only when it beats it on HR@10 and NDCG@10, then trained again on all the data
 * and served from its exported floats (no DJL at serving time).
 */
@Component
public class Recommendations implements TrainableModel {

    public static final String MODEL = "recommendations";
    private static final Logger log = LoggerFactory.getLogger(Recommendations.class);
    private static final int K = 10;

    private final ModelRegistry registry;
    private final Clock clock;
    private final Bpr.Settings settings;
    private volatile InService<TrainedRecommender> served;

    Recommendations(ModelRegistry registry, Clock clock,
                    @Value("${retailpulse.models.recommendations.dimension}") int dimension,
                    @Value("${retailpulse.models.recommendations.epochs}") int epochs,
                    @Value("${retailpulse.models.recommendations.learning-rate}") float learningRate,
                    @Value("${retailpulse.models.recommendations.regularisation}") float regularisation,
                    @Value("${retailpulse.models.recommendations.batch-size}") int batchSize) {
        this.registry = registry;
        this.clock = clock;
        this.settings = new Bpr.Settings(dimension, epochs, learningRate, regularisation, batchSize, 42L);
        this.served = InService.load(registry, MODEL, TrainedRecommender::fromBytes);
    }

    Optional<InService<TrainedRecommender>> served() {
        return Optional.ofNullable(served);
    }

    /** Top-k products the customer has not bought yet, from the model in service. */
    public Optional<List<ScoredItem>> forCustomer(String customerId, int k) {
        InService<TrainedRecommender> s = served;
        return s == null ? Optional.empty() : Optional.of(s.model().recommender().recommend(customerId, k));
    }

    /** Products bought with this one ("bought A, also bought B"), by the model in service. */
    public Optional<List<ScoredItem>> similarTo(String sku, int k) {
        InService<TrainedRecommender> s = served;
        return s == null || !(s.model().recommender() instanceof SimilarItems similar) ? Optional.empty()
                : Optional.of(similar.similar(sku, k));
    }

    @Override
    public String name() {
        return MODEL;
    }

    @Override
    public Object plan(Map<String, String> options) {
        return TrainableModel.withoutOptions(MODEL, options);
    }

    /** Trains, evaluates and registers a version; serves it when it passes the gate. */
    @Override
    public ModelRegistry.Version train(EventStorePurchases.Read data, Instant cutoff, Object plan, String trainedBy,
                                       Consumer<String> phase) {
        List<Purchase> purchases = data.purchases();
        if (purchases.isEmpty()) {
            throw new IllegalStateException("no purchases before " + cutoff + " in the event store: nothing to learn from");
        }
        phase.accept("evaluating: leave the last basket out");
        LeaveLastBasketOut split = LeaveLastBasketOut.of(purchases);
        List<String> reasons = new ArrayList<>();
        Map<String, Double> metrics = Map.of();
        Map<String, Double> baseline = Map.of();
        if (split.heldOut().isEmpty()) {
            reasons.add("no customer has two baskets: nothing to evaluate on");
        } else {
            Interactions training = Interactions.of(split.training());
            RankingMetrics popularity = RankingMetrics.evaluate(PopularityRecommender.train(training, Repeats.EXCLUDED), split.heldOut(), K);
            phase.accept("evaluating: training BPR on " + training.window().purchases() + " purchases");
            RankingMetrics bpr = RankingMetrics.evaluate(Bpr.train(training, Repeats.EXCLUDED, settings), split.heldOut(), K);
            metrics = Map.of("hr@10", bpr.hitRate(), "ndcg@10", bpr.ndcg(), "customers", (double) bpr.customers());
            baseline = Map.of("hr@10", popularity.hitRate(), "ndcg@10", popularity.ndcg(), "customers", (double) popularity.customers());
            if (bpr.hitRate() <= popularity.hitRate()) {
                reasons.add(String.format("HR@10 %.4f does not beat popularity's %.4f", bpr.hitRate(), popularity.hitRate()));
            }
            if (bpr.ndcg() <= popularity.ndcg()) {
                reasons.add(String.format("NDCG@10 %.4f does not beat popularity's %.4f", bpr.ndcg(), popularity.ndcg()));
            }
        }
        boolean promoted = reasons.isEmpty();
        phase.accept("training BPR on all " + purchases.size() + " purchases");
        long started = System.nanoTime();
        Interactions all = Interactions.of(purchases);
        var recommender = Bpr.train(all, Repeats.EXCLUDED, settings);
        TrainedRecommender model = new TrainedRecommender("bpr", all.window(), Duration.ofNanos(System.nanoTime() - started),
                metrics, recommender);
        byte[] bytes = model.toBytes();
        ModelRegistry.Version version = registry.register(new ModelRegistry.Version(MODEL, 0, "bpr", clock.instant(), trainedBy,
                data.from(), data.to(), cutoff, purchases.size(), metrics, baseline, promoted,
                promoted ? List.of("beats popularity on HR@10 and NDCG@10") : reasons, bytes.length), bytes);
        if (promoted) {
            served = InService.now(version, model);
        }
        log.info("Recommendation model version {} trained on {} purchases: {} (baseline {}); {}", version.version(),
                purchases.size(), metrics, baseline, promoted ? "in service" : "not promoted: " + reasons);
        return version;
    }
}
