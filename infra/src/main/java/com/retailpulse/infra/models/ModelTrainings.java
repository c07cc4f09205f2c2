package com.retailpulse.infra.models;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.common.AxonThreadFactory;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Training runs, one at a time, in the background, with their progress in MongoDB
 * ({@code model_trainings}): reading the event store (events read), then each phase of training, then
 * the version registered (or why it was not promoted); a promoted customer-scoring model (churn, ltv,
 * clusters) then starts a scoring run of every customer, named in {@code scoringRun}.
 */
@Service
public class ModelTrainings implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelTrainings.class);

    public record Training(String id, String model, String status, String phase, long eventsRead, Instant cutoff,
                           Instant startedAt, Instant finishedAt, Integer version, Boolean promoted, String scoringRun,
                           String error) {
    }

    private final EventStorePurchases purchases;
    private final Map<String, TrainableModel> models = new TreeMap<>();
    private final CustomerScoring scoring;
    private final MongoCollection<Document> runs;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(new AxonThreadFactory("model-training"));

    ModelTrainings(EventStorePurchases purchases, List<TrainableModel> models, CustomerScoring scoring, MongoClient mongo,
                   @Value("${spring.data.mongodb.database}") String database, Clock clock) {
        this.purchases = purchases;
        models.forEach(m -> this.models.put(m.name(), m));
        this.scoring = scoring;
        this.runs = mongo.getDatabase(database).getCollection("model_trainings");
        this.clock = clock;
    }

    /**
     * Queues a training of {@code model} on the purchases before {@code cutoff} (now when null), with the
     * model's {@code options}; a promoted customer-scoring model then scores every customer.
     *
     * @throws IllegalArgumentException for an unknown model or options it does not take
     */
    public Training start(String model, Instant cutoff, Map<String, String> options, String requestedBy) {
        TrainableModel trainable = models.get(model);
        if (trainable == null) {
            throw new IllegalArgumentException("unknown model '" + model + "'; trainable: " + String.join(", ", models.keySet()));
        }
        Object plan = trainable.plan(options);
        Instant asOf = cutoff == null ? clock.instant() : cutoff;
        String id = UUID.randomUUID().toString();
        runs.insertOne(new Document("_id", id).append("model", model).append("status", "QUEUED").append("phase", "queued")
                .append("eventsRead", 0L).append("cutoff", Date.from(asOf)).append("requestedBy", requestedBy)
                .append("requestedAt", Date.from(clock.instant())));
        runner.submit(() -> run(id, trainable, plan, asOf, requestedBy));
        return find(id).orElseThrow();
    }

    /** The names of the trainable models, in order. */
    public List<String> models() {
        return List.copyOf(models.keySet());
    }

    public Optional<Training> find(String id) {
        return Optional.ofNullable(runs.find(Filters.eq("_id", id)).first()).map(ModelTrainings::view);
    }

    private void run(String id, TrainableModel model, Object plan, Instant cutoff, String requestedBy) {
        runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "RUNNING"),
                Updates.set("phase", "reading the event store"), Updates.set("startedAt", Date.from(clock.instant()))));
        try {
            var data = purchases.readUntil(cutoff, read -> runs.updateOne(Filters.eq("_id", id), Updates.set("eventsRead", read)));
            var version = model.train(data, cutoff, plan, requestedBy,
                    phase -> runs.updateOne(Filters.eq("_id", id), Updates.set("phase", phase)));
            String scoringRun = version.promoted() && model instanceof CustomerScorer
                    ? scoring.start(model.name() + " version " + version.version() + " promoted", List.of(model.name())).id() : null;
            runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "COMPLETED"), Updates.set("phase", "done"),
                    Updates.set("version", version.version()), Updates.set("promoted", version.promoted()),
                    Updates.set("scoringRun", scoringRun), Updates.set("finishedAt", Date.from(clock.instant()))));
        } catch (RuntimeException | Error e) {
            log.error("Model training {} failed", id, e);
            runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "FAILED"),
                    Updates.set("error", String.valueOf(e.getMessage())), Updates.set("finishedAt", Date.from(clock.instant()))));
        }
    }

    private static Training view(Document d) {
        return new Training(d.getString("_id"), d.getString("model"), d.getString("status"), d.getString("phase"),
                ((Number) d.get("eventsRead")).longValue(), d.getDate("cutoff").toInstant(),
                d.getDate("startedAt") == null ? null : d.getDate("startedAt").toInstant(),
                d.getDate("finishedAt") == null ? null : d.getDate("finishedAt").toInstant(),
                d.getInteger("version"), d.getBoolean("promoted"), d.getString("scoringRun"), d.getString("error"));
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
