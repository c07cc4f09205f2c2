package com.retailpulse.infra.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.intelligence.cluster.ClusterModel;
import com.retailpulse.intelligence.cluster.ClusterProfile;
import com.retailpulse.intelligence.cluster.ClusterTrainer;
import com.retailpulse.intelligence.cluster.CustomerFeatures;
import com.retailpulse.intelligence.data.Purchase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * Customer clusters on the platform (docs/models/ltv-and-clusters.md): seeded k-means++ on RFM and
 * behaviour features as of the cutoff, k from 2 to 8 by the best mean silhouette, each cluster described
 * in words. A clustering is promoted when its silhouette reaches {@link #MIN_SILHOUETTE}: below it the
 * groups are not separated enough to be worth a marketer's attention (Kaufman and Rousseeuw read under
 * 0.25 as no substantial structure). Customers scored later are placed at the nearest centroid.
 */
@Component
class ClusterScores implements CustomerScorer {

    static final String MODEL = "clusters";
    static final double MIN_SILHOUETTE = 0.25;
    private static final long SEED = 42;
    private static final Logger log = LoggerFactory.getLogger(ClusterScores.class);

    private final ModelRegistry registry;
    private final Clock clock;
    private final ObjectMapper json;
    private volatile InService<ClusterModel> served;

    ClusterScores(ModelRegistry registry, Clock clock, ObjectMapper json) {
        this.registry = registry;
        this.clock = clock;
        this.json = json;
        this.served = InService.load(registry, MODEL, bytes -> json.readValue(bytes, ClusterModel.class));
    }

    @Override
    public String name() {
        return MODEL;
    }

    @Override
    public Object plan(Map<String, String> options) {
        return TrainableModel.withoutOptions(MODEL, options);
    }

    @Override
    public ModelRegistry.Version train(EventStorePurchases.Read data, Instant cutoff, Object plan, String trainedBy,
                                       Consumer<String> phase) {
        SortedMap<String, CustomerFeatures> customers = CustomerFeatures.allAsOf(data.purchases(), cutoff);
        phase.accept("k-means++ for k = 2…8 on " + customers.size() + " customers");
        ClusterModel model = ClusterTrainer.train(customers, cutoff, SEED).model();
        double silhouette = model.silhouetteByK().get(model.k());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("k", (double) model.k());
        metrics.put("silhouette", silhouette);
        metrics.put("customers", (double) customers.size());
        model.silhouetteByK().forEach((k, s) -> metrics.put("silhouette@k=" + k, s));
        for (ClusterProfile cluster : model.clusters()) {
            metrics.put("size:" + cluster.description(), (double) cluster.size());
        }
        boolean promoted = silhouette >= MIN_SILHOUETTE;
        byte[] bytes = bytes(model);
        ModelRegistry.Version version = registry.register(new ModelRegistry.Version(MODEL, 0, "k-means++", clock.instant(), trainedBy,
                data.from(), data.to(), cutoff, customers.size(), metrics, Map.of(), promoted,
                List.of(String.format(Locale.ROOT, "mean silhouette %.4f at k = %d %s %.2f", silhouette, model.k(),
                        promoted ? "reaches" : "is below", MIN_SILHOUETTE)), bytes.length), bytes);
        if (promoted) {
            served = InService.now(version, model);
        }
        log.info("Cluster model version {}: {}; {}", version.version(), metrics, promoted ? "in service" : "not promoted");
        return version;
    }

    @Override
    public Optional<Instant> inServiceSince() {
        InService<ClusterModel> s = served;
        return s == null ? Optional.empty() : Optional.of(s.since());
    }

    @Override
    public Optional<Score> score(String customerId, List<Purchase> history, Instant at) {
        InService<ClusterModel> s = served;
        if (s == null) {
            return Optional.empty();
        }
        return CustomerFeatures.asOf(history, at).map(features -> {
            ClusterProfile cluster = s.model().profile(features);
            return new Score(MODEL, s.version().version(), Map.of("index", (double) cluster.index()), cluster.description());
        });
    }

    private byte[] bytes(ClusterModel model) {
        try {
            return json.writeValueAsBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
