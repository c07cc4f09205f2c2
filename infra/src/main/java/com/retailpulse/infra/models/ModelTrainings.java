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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Training runs, one at a time, in the background, with their progress in MongoDB
 * ({@code model_trainings}): reading the event store (events read), then each phase of training, then
 * the version registered (or why it was not promoted).
 */
@Service
public class ModelTrainings implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelTrainings.class);

    public record Training(String id, String model, String status, String phase, long eventsRead, Instant cutoff,
                           Instant startedAt, Instant finishedAt, Integer version, Boolean promoted, String error) {
    }

    private final EventStorePurchases purchases;
    private final Recommendations recommendations;
    private final MongoCollection<Document> runs;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(new AxonThreadFactory("model-training"));

    ModelTrainings(EventStorePurchases purchases, Recommendations recommendations, MongoClient mongo,
                   @Value("${spring.data.mongodb.database}") String database, Clock clock) {
        this.purchases = purchases;
        this.recommendations = recommendations;
        this.runs = mongo.getDatabase(database).getCollection("model_trainings");
        this.clock = clock;
    }

    /** Queues a training of {@code model} on the purchases before {@code cutoff} (now when null). */
    public Training start(String model, Instant cutoff, String requestedBy) {
        if (!Recommendations.MODEL.equals(model)) {
            throw new IllegalArgumentException("unknown model '" + model + "'; trainable: " + Recommendations.MODEL);
        }
        Instant asOf = cutoff == null ? clock.instant() : cutoff;
        String id = UUID.randomUUID().toString();
        runs.insertOne(new Document("_id", id).append("model", model).append("status", "QUEUED").append("phase", "queued")
                .append("eventsRead", 0L).append("cutoff", Date.from(asOf)).append("requestedBy", requestedBy)
                .append("requestedAt", Date.from(clock.instant())));
        runner.submit(() -> run(id, asOf, requestedBy));
        return find(id).orElseThrow();
    }

    public Optional<Training> find(String id) {
        return Optional.ofNullable(runs.find(Filters.eq("_id", id)).first()).map(ModelTrainings::view);
    }

    private void run(String id, Instant cutoff, String requestedBy) {
        runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "RUNNING"),
                Updates.set("phase", "reading the event store"), Updates.set("startedAt", Date.from(clock.instant()))));
        try {
            var data = purchases.readUntil(cutoff, read -> runs.updateOne(Filters.eq("_id", id), Updates.set("eventsRead", read)));
            var version = recommendations.train(data, cutoff, requestedBy,
                    phase -> runs.updateOne(Filters.eq("_id", id), Updates.set("phase", phase)));
            runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "COMPLETED"), Updates.set("phase", "done"),
                    Updates.set("version", version.version()), Updates.set("promoted", version.promoted()),
                    Updates.set("finishedAt", Date.from(clock.instant()))));
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
                d.getInteger("version"), d.getBoolean("promoted"), d.getString("error"));
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
