package com.retailpulse.infra.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.common.AxonThreadFactory;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Long work over the stored history, run in the background one at a time (backtests, docs/backtests.md): each
 * run is a document in a MongoDB collection with its request, its status (QUEUED, RUNNING, COMPLETED,
 * CANCELLED, FAILED), its progress (events read of the store up to the position it was asked at, and for work
 * with a second phase, items done of a total) and, once completed, its result kept as JSON text (result keys
 * such as tag names may hold dots, which document keys may not).
 */
public final class BackgroundRuns implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundRuns.class);
    private static final int PROGRESS_EVERY = 5_000;

    /** The work of one run; answers its result, or null when it stopped because it was cancelled. */
    @FunctionalInterface
    public interface Work {
        Object run(Progress progress) throws InterruptedException;
    }

    /** What every run shows besides its own request and result. */
    public record State(String id, String status, long upTo, long eventsRead, long position, long done, long total, double percent,
                        String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt, String error) {
    }

    private final MongoCollection<Document> runs;
    private final Clock clock;
    private final ObjectMapper json;
    private final String name;
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final ExecutorService runner;

    /** Runs kept in {@code runs}; {@code name} names the worker thread and the logs ("segment backtest"). */
    public BackgroundRuns(MongoCollection<Document> runs, Clock clock, ObjectMapper json, String name) {
        this.runs = runs;
        this.clock = clock;
        this.json = json;
        this.name = name;
        this.runner = Executors.newSingleThreadExecutor(new AxonThreadFactory(name.replace(' ', '-')));
        this.runs.createIndex(new Document("requestedAt", -1));
    }

    /** Keeps the request and queues the work, which reads the store up to {@code upTo}; answers the run's id. */
    public String start(Document request, long upTo, String user, Work work) {
        String id = UUID.randomUUID().toString();
        runs.insertOne(new Document(request).append("_id", id).append("upTo", upTo).append("status", "QUEUED")
                .append("eventsRead", 0L).append("position", 0L).append("done", 0L).append("total", 0L)
                .append("requestedBy", user).append("requestedAt", Date.from(clock.instant())));
        runner.submit(() -> run(id, work));
        return id;
    }

    /**
     * Asks a queued or running run to stop.
     *
     * @throws NotCancellable (409) when the run has already ended, or there is no such run
     */
    public void cancel(String id) {
        Optional<Document> run = find(id);
        String status = run.map(r -> r.getString("status")).orElse(null);
        if (!Set.of("QUEUED", "RUNNING").contains(status)) {
            throw new NotCancellable(name + " " + id + (status == null ? " does not exist" : " is " + status)
                    + ": only a queued or running " + name + " can be cancelled");
        }
        cancelled.add(id);
    }

    /** A run that has ended cannot be cancelled: a conflict with its state (409), which the message names. */
    public static final class NotCancellable extends org.springframework.web.server.ResponseStatusException {
        NotCancellable(String message) {
            super(org.springframework.http.HttpStatus.CONFLICT, message);
        }
    }

    public Optional<Document> find(String id) {
        return Optional.ofNullable(runs.find(Filters.eq("_id", id)).first());
    }

    /** The latest runs first, those matching {@code filter} (null: all). */
    public List<Document> list(Bson filter, int limit) {
        return runs.find(filter == null ? new Document() : filter).sort(Sorts.descending("requestedAt")).limit(limit)
                .into(new ArrayList<>());
    }

    /**
     * The common part of a stored run. With {@code twoPhases} (items done of a total once the store is read),
     * reading the store is the first half of the percent and the items the second.
     */
    public static State state(Document d, boolean twoPhases) {
        long upTo = ((Number) d.get("upTo")).longValue();
        long position = ((Number) d.get("position")).longValue();
        long done = ((Number) d.getOrDefault("done", 0L)).longValue();
        long total = ((Number) d.getOrDefault("total", 0L)).longValue();
        String status = d.getString("status");
        boolean completed = "COMPLETED".equals(status);
        double percent = StoreReading.percent(completed, position, upTo);
        if (twoPhases && !completed) {
            percent = Math.round(5.0 * percent + (total == 0 ? 0 : 500.0 * done / total)) / 10.0;
        }
        return new State(d.getString("_id"), status, upTo, ((Number) d.get("eventsRead")).longValue(), position, done, total,
                percent, d.getString("requestedBy"), instant(d, "requestedAt"), instant(d, "startedAt"), instant(d, "finishedAt"),
                d.getString("error"));
    }

    /** A stored run's result (null until completed) read back as {@code type}. */
    public <T> T result(Document d, Class<T> type) {
        String text = d.getString("result");
        return text == null ? null : read(text, type);
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored " + type.getSimpleName(), e);
        }
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private void run(String id, Work work) {
        if (cancelled.remove(id)) {
            finish(id, "CANCELLED", null);
            return;
        }
        runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "RUNNING"),
                Updates.set("startedAt", Date.from(clock.instant()))));
        try {
            Object result = work.run(new Progress(id));
            if (result == null || cancelled.remove(id)) {
                finish(id, "CANCELLED", null);
                return;
            }
            runs.updateOne(Filters.eq("_id", id), Updates.set("result", write(result)));
            finish(id, "COMPLETED", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(id, "FAILED", "interrupted");
        } catch (RuntimeException | Error e) {
            log.error("The {} {} failed", name, id, e);
            finish(id, "FAILED", String.valueOf(e.getMessage()));
        }
    }

    private void finish(String id, String status, String error) {
        cancelled.remove(id);
        runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", status), Updates.set("error", error),
                Updates.set("finishedAt", Date.from(clock.instant()))));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.get(field, Date.class);
        return date == null ? null : date.toInstant();
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }

    /** What a run's work reports as it goes, and how it learns it was cancelled. */
    public final class Progress {

        private final String id;

        private Progress(String id) {
            this.id = id;
        }

        public boolean cancelled() {
            return cancelled.contains(id);
        }

        /** Events read so far of the store; saved every few thousand. Answers false once cancelled: stop reading. */
        public boolean read(long events, long position) {
            if (events % PROGRESS_EVERY == 0) {
                runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("eventsRead", events), Updates.set("position", position)));
            }
            return !cancelled();
        }

        /** The whole reading is done. */
        public void readAll(long events, long position) {
            runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("eventsRead", events), Updates.set("position", position)));
        }

        /** The second phase: {@code done} items of {@code total}. Answers false once cancelled. */
        public boolean done(long done, long total) {
            runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("done", done), Updates.set("total", total)));
            return !cancelled();
        }
    }
}
