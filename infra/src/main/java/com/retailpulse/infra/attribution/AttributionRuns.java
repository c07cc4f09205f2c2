package com.retailpulse.infra.attribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.retailpulse.intelligence.attribution.Attribution;
import com.retailpulse.intelligence.attribution.AttributionResult;
import com.retailpulse.intelligence.attribution.AttributionRules;
import com.retailpulse.intelligence.attribution.Conversion;
import com.retailpulse.intelligence.attribution.CustomerHistory;
import com.retailpulse.intelligence.attribution.GroupCredit;
import com.retailpulse.intelligence.attribution.ModelCredits;
import com.retailpulse.intelligence.experiment.ArmTally;
import com.retailpulse.intelligence.experiment.ProportionComparison;
import com.retailpulse.infra.replay.StoreReading;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.AxonThreadFactory;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Attribution runs (docs/attribution.md): one at a time, in the background, each replaying the stored
 * events from the start of the event store up to the position it was started at ({@code upTo}) through one
 * version of an attribution definition, for the conversions of a period. The run, its progress (events
 * read of the stream up to {@code upTo}) and its result are kept in MongoDB ({@code attribution_runs}),
 * with a fingerprint (SHA-256 of the result): rerunning the same definition version, period and
 * {@code upTo} reads exactly the same events and gives the same fingerprint.
 */
@Service
public class AttributionRuns implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttributionRuns.class);
    private static final int PROGRESS_EVERY = 5_000;

    /** A run as the API shows it; {@code result} once completed. */
    public record Run(String id, String definition, int version, Instant from, Instant to, long upTo, String status,
                      long eventsRead, long position, double percent, String requestedBy, Instant requestedAt, Instant startedAt,
                      Instant finishedAt, String rerunOf, String fingerprint, Map<String, Object> result, String error) {

        /** Replay speed of a finished run: events read per second between its start and end. */
        @com.fasterxml.jackson.annotation.JsonProperty
        public Double eventsPerSecond() {
            if (startedAt == null || finishedAt == null || !finishedAt.isAfter(startedAt)) {
                return null;
            }
            return Math.round(eventsRead * 1000.0 / java.time.Duration.between(startedAt, finishedAt).toMillis() * 10) / 10.0;
        }
    }

    private final AttributionDefinitions definitions;
    private final EventStore events;
    private final MongoCollection<Document> runs;
    private final Clock clock;
    private final ObjectMapper json;
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(new AxonThreadFactory("attribution-run"));

    AttributionRuns(AttributionDefinitions definitions, EventStore events, MongoClient mongo,
                    @Value("${spring.data.mongodb.database}") String database, Clock clock, ObjectMapper json) {
        this.definitions = definitions;
        this.events = events;
        this.runs = mongo.getDatabase(database).getCollection("attribution_runs");
        this.clock = clock;
        this.json = json;
        this.runs.createIndex(new Document("requestedAt", -1));
    }

    /**
     * Queues a run of {@code definition} (its {@code version}, or the latest when null) over the conversions
     * from {@code from} to {@code to}, reading the events stored up to now.
     */
    public Run start(AttributionDefinition definition, Instant from, Instant to, String user) {
        definition.rules(from, to); // refuses a bad period before anything is queued
        return queue(definition, from, to, StoreReading.head(events), null, user);
    }

    /** Queues the same definition version, period and event-store position as {@code run}. */
    public Run rerun(Run run, String user) {
        AttributionDefinition definition = definitions.version(run.definition(), run.version())
                .orElseThrow(() -> new IllegalStateException("definition " + run.definition() + " v" + run.version() + " is gone"));
        return queue(definition, run.from(), run.to(), run.upTo(), run.id(), user);
    }

    private Run queue(AttributionDefinition definition, Instant from, Instant to, long upTo, String rerunOf, String user) {
        String id = UUID.randomUUID().toString();
        runs.insertOne(new Document("_id", id).append("definition", definition.key()).append("version", definition.version())
                .append("from", Date.from(from)).append("to", Date.from(to)).append("upTo", upTo).append("status", "QUEUED")
                .append("eventsRead", 0L).append("position", 0L).append("requestedBy", user)
                .append("requestedAt", Date.from(clock.instant())).append("rerunOf", rerunOf));
        runner.submit(() -> run(id, definition, definition.rules(from, to), upTo));
        return find(id).orElseThrow();
    }

    /** Asks a queued or running run to stop; answers whether it was still going. */
    public boolean cancel(String id) {
        Optional<Run> run = find(id);
        if (run.isEmpty() || !Set.of("QUEUED", "RUNNING").contains(run.get().status())) {
            return false;
        }
        cancelled.add(id);
        return true;
    }

    public Optional<Run> find(String id) {
        return Optional.ofNullable(runs.find(Filters.eq("_id", id)).first()).map(this::view);
    }

    /** The latest runs first, of one definition or of all. */
    public List<Run> list(String definition, int limit) {
        var filter = definition == null ? new Document() : Filters.eq("definition", definition);
        return runs.find(filter).sort(Sorts.descending("requestedAt")).limit(limit).map(this::view).into(new ArrayList<>());
    }

    private void run(String id, AttributionDefinition definition, AttributionRules rules, long upTo) {
        if (cancelled.remove(id)) {
            finish(id, "CANCELLED", null);
            return;
        }
        runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "RUNNING"),
                Updates.set("startedAt", Date.from(clock.instant()))));
        try {
            StoredHistory history = new StoredHistory();
            StoreReading.Read read = StoreReading.upTo(events, upTo, (message, position, count) -> {
                if (StoredHistory.READ.contains(message.getPayloadType())) {
                    history.add(message.getPayload());
                }
                if (count % PROGRESS_EVERY == 0) {
                    if (cancelled.remove(id)) {
                        return false;
                    }
                    runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("eventsRead", count),
                            Updates.set("position", position)));
                }
                return true;
            });
            if (read.stopped()) {
                finish(id, "CANCELLED", null);
                return;
            }
            List<CustomerHistory> histories = history.histories(definition.touch(), definition.groupBy());
            AttributionResult result = Attribution.run(histories, Set.copyOf(definition.attributionModels()), rules);
            Map<String, Object> shown = shown(result, lift(history, rules), history.messages(),
                    history.currencies(rules.from(), rules.to()));
            String fingerprint = fingerprint(shown);
            runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("eventsRead", read.events()), Updates.set("position", upTo),
                    Updates.set("result", new Document(shown)), Updates.set("fingerprint", fingerprint)));
            finish(id, "COMPLETED", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(id, "FAILED", "interrupted");
        } catch (RuntimeException | Error e) {
            log.error("Attribution run {} failed", id, e);
            finish(id, "FAILED", String.valueOf(e.getMessage()));
        }
    }

    /**
     * Incremental lift of each campaign with a holdout: of the customers it assigned in the period, the
     * share who ordered within the window after their assignment, treatment against holdout.
     */
    static List<Map<String, Object>> lift(StoredHistory history, AttributionRules rules) {
        Map<String, List<Conversion>> orders = history.ordersByCustomer();
        Map<String, ArmTally[]> tallies = new TreeMap<>();
        for (StoredHistory.Assignment a : history.assignments()) {
            if (!rules.from().isAfter(a.at()) && a.at().isBefore(rules.to())) {
                double value = 0;
                boolean converted = false;
                for (Conversion c : orders.getOrDefault(a.customer(), List.of())) {
                    if (!c.at().isBefore(a.at()) && !c.at().isAfter(a.at().plus(rules.window()))) {
                        converted = true;
                        value += c.value();
                    }
                }
                ArmTally[] arms = tallies.computeIfAbsent(a.campaign(), k -> new ArmTally[]{ArmTally.empty("treatment"),
                        ArmTally.empty("holdout")});
                int arm = a.holdout() ? 1 : 0;
                arms[arm] = arms[arm].plus(converted, value);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        tallies.forEach((campaign, arms) -> {
            ArmTally treated = arms[0];
            ArmTally holdout = arms[1];
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("campaign", campaign);
            row.put("treated", treated.units());
            row.put("treatedConverted", treated.conversions());
            row.put("treatedRevenue", treated.valueSum());
            row.put("holdout", holdout.units());
            row.put("holdoutConverted", holdout.conversions());
            row.put("holdoutRevenue", holdout.valueSum());
            if (treated.units() > 0 && holdout.units() > 0) {
                ProportionComparison c = ProportionComparison.of(holdout, treated, 0.95);
                row.put("treatedRate", c.treatmentRate());
                row.put("holdoutRate", c.controlRate());
                row.put("difference", c.difference());
                row.put("lower", c.lower());
                row.put("upper", c.upper());
                row.put("relativeUplift", Double.isNaN(c.relativeUplift()) ? null : c.relativeUplift());
                row.put("pValue", c.pValue());
                row.put("incrementalConversions", c.difference() * treated.units());
                double perTreated = treated.valueSum() / treated.units() - holdout.valueSum() / holdout.units();
                row.put("incrementalRevenue", perTreated * treated.units());
            } else {
                row.put("note", "no holdout in the period: lift cannot be measured");
            }
            out.add(row);
        });
        return out;
    }

    private static Map<String, Object> shown(AttributionResult r, List<Map<String, Object>> lift, int messages,
                                             List<String> currencies) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversions", r.conversions());
        out.put("revenue", r.revenue());
        out.put("currencies", currencies);
        out.put("attributedConversions", r.attributedConversions());
        out.put("attributedRevenue", r.attributedRevenue());
        out.put("convertingPaths", r.convertingPaths());
        out.put("nonConvertingPaths", r.nonConvertingPaths());
        out.put("messagesRead", messages);
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelCredits m : r.models()) {
            List<Map<String, Object>> groups = new ArrayList<>();
            for (GroupCredit g : m.groups()) {
                Map<String, Object> group = new LinkedHashMap<>();
                group.put("group", g.group());
                group.put("conversions", g.conversions());
                group.put("revenue", g.revenue());
                if (g.removalEffect() != null) {
                    group.put("removalEffect", g.removalEffect());
                }
                groups.add(group);
            }
            models.add(new LinkedHashMap<>(Map.of("model", m.model().key(), "groups", groups)));
        }
        out.put("models", models);
        out.put("lift", lift);
        return out;
    }

    private String fingerprint(Map<String, Object> result) {
        try {
            byte[] bytes = json.writeValueAsString(result).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint an attribution result", e);
        }
    }

    private void finish(String id, String status, String error) {
        runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", status), Updates.set("error", error),
                Updates.set("finishedAt", Date.from(clock.instant()))));
    }

    @SuppressWarnings("unchecked")
    private Run view(Document d) {
        long upTo = ((Number) d.get("upTo")).longValue();
        long position = ((Number) d.get("position")).longValue();
        String status = d.getString("status");
        double percent = StoreReading.percent("COMPLETED".equals(status), position, upTo);
        Document result = d.get("result", Document.class);
        return new Run(d.getString("_id"), d.getString("definition"), d.getInteger("version"), d.getDate("from").toInstant(),
                d.getDate("to").toInstant(), upTo, status, ((Number) d.get("eventsRead")).longValue(), position, percent,
                d.getString("requestedBy"), instant(d, "requestedAt"), instant(d, "startedAt"), instant(d, "finishedAt"),
                d.getString("rerunOf"), d.getString("fingerprint"), result == null ? null : json.convertValue(result, Map.class),
                d.getString("error"));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
