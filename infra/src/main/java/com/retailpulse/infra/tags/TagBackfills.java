package com.retailpulse.infra.tags;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.retailpulse.projections.profile.ProfileRederivation;
import org.axonframework.common.AxonThreadFactory;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Back-fills: every profile derived again after a scenario tag changed (or the context data did), and
 * once a day so time-window tags ("active in the last 30 days") stay true without new events. One
 * runs at a time; a request while one is queued joins it. Progress is kept in MongoDB
 * ({@code tag_backfills}) and shown by {@code GET /api/v1/tags/backfills/{id}}. While the profiles are being
 * rebuilt by replay (ADR 0024) a back-fill stays queued, and runs on the rebuilt index once queries read it.
 */
@Service
public class TagBackfills {

    private static final Logger log = LoggerFactory.getLogger(TagBackfills.class);

    public record Backfill(String id, String reason, String status, long total, long processed, Instant startedAt,
                           Instant finishedAt, String error) {
    }

    private final ProfileRederivation rederivation;
    private final MongoCollection<Document> jobs;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(new AxonThreadFactory("tag-backfill"));

    public TagBackfills(ProfileRederivation rederivation, MongoClient mongo,
                        @Value("${spring.data.mongodb.database}") String database, Clock clock) {
        this.rederivation = rederivation;
        this.jobs = mongo.getDatabase(database).getCollection("tag_backfills");
        this.clock = clock;
    }

    /** Queues a back-fill, or joins the one already waiting to start. */
    public synchronized Backfill start(String reason) {
        Document queued = jobs.find(Filters.eq("status", "QUEUED")).first();
        if (queued != null) {
            jobs.updateOne(Filters.eq("_id", queued.getString("_id")),
                    Updates.set("reason", queued.getString("reason") + "; " + reason));
            return find(queued.getString("_id")).orElseThrow();
        }
        String id = UUID.randomUUID().toString();
        jobs.insertOne(new Document("_id", id).append("reason", reason).append("status", "QUEUED")
                .append("total", 0L).append("processed", 0L).append("requestedAt", Date.from(clock.instant())));
        runner.submit(() -> run(id));
        return find(id).orElseThrow();
    }

    @Scheduled(cron = "${retailpulse.tags.refresh-cron}", zone = "${retailpulse.tags.zone}")
    public void daily() {
        start("daily refresh of time-window tags");
    }

    public Optional<Backfill> find(String id) {
        return Optional.ofNullable(jobs.find(Filters.eq("_id", id)).first()).map(TagBackfills::view);
    }

    public Optional<Backfill> latest() {
        return Optional.ofNullable(jobs.find().sort(Sorts.descending("requestedAt")).first()).map(TagBackfills::view);
    }

    private void run(String id) {
        try {
            rederivation.awaitNoRebuild();
        } catch (RuntimeException e) {
            log.error("Tag back-fill {} could not wait for the profiles rebuild", id, e);
            jobs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "FAILED"),
                    Updates.set("error", String.valueOf(e.getMessage())), Updates.set("finishedAt", Date.from(clock.instant()))));
            return;
        }
        long total = rederivation.total();
        jobs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "RUNNING"),
                Updates.set("total", total), Updates.set("startedAt", Date.from(clock.instant()))));
        try {
            long done = rederivation.run(processed -> jobs.updateOne(Filters.eq("_id", id),
                    Updates.set("processed", processed)));
            jobs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "COMPLETED"),
                    Updates.set("processed", done), Updates.set("total", Math.max(total, done)),
                    Updates.set("finishedAt", Date.from(clock.instant()))));
            log.info("Tag back-fill {} derived {} profiles again", id, done);
        } catch (RuntimeException e) {
            log.error("Tag back-fill {} failed", id, e);
            jobs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "FAILED"),
                    Updates.set("error", String.valueOf(e.getMessage())), Updates.set("finishedAt", Date.from(clock.instant()))));
        }
    }

    private static Backfill view(Document d) {
        return new Backfill(d.getString("_id"), d.getString("reason"), d.getString("status"),
                ((Number) d.get("total")).longValue(), ((Number) d.get("processed")).longValue(),
                d.getDate("startedAt") == null ? null : d.getDate("startedAt").toInstant(),
                d.getDate("finishedAt") == null ? null : d.getDate("finishedAt").toInstant(), d.getString("error"));
    }
}
