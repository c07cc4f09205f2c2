package com.retailpulse.projections.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The journeys and their versions (MongoDB {@code journeys}, {@code journey_versions}), with how many
 * customers entered each and how their runs ended. The counters move once per run
 * ({@code journey_enrollments} remembers each run counted and whether its end was), so an event handled
 * twice counts once; a crash between the guard and the counter loses that one count (a reset rebuilds
 * them; the report, docs/journeys.md, counts runs exactly). Published versions never change, so they are cached
 * for good; the list of journeys taking customers is cached for a second (the trigger matcher asks on
 * every customer event).
 */
public class JourneyCatalogue {

    public static final String JOURNEYS = "journeys";
    public static final String VERSIONS = "journey_versions";
    public static final String ENROLLMENTS = "journey_enrollments";
    static final Duration ACTIVE_CACHE = Duration.ofSeconds(1);

    public record JourneyView(String key, String name, String state, int version, Instant publishedAt, Instant changedAt,
                              long entered, long inFlight, Map<String, Long> outcomes) {
    }

    /** A journey taking customers: its key, the version new customers enter, and that version's graph. */
    public record Active(JourneyKey key, int version, JourneyGraph graph) {
    }

    private final MongoCollection<Document> journeys;
    private final MongoCollection<Document> versions;
    /** Each run counted, and whether its end was: makes the counters idempotent. */
    private final MongoCollection<Document> enrollments;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, JourneyGraph> graphs = new ConcurrentHashMap<>();
    private volatile List<Active> active;
    private volatile Instant activeAt = Instant.MIN;

    public JourneyCatalogue(MongoDatabase database, ObjectMapper json, Clock clock) {
        this.journeys = database.getCollection(JOURNEYS);
        this.versions = database.getCollection(VERSIONS);
        this.enrollments = database.getCollection(ENROLLMENTS);
        this.json = json;
        this.clock = clock;
    }

    void published(JourneyKey key, int version, JourneyGraph graph, Instant at) {
        versions.replaceOne(Filters.eq("_id", key + "@" + version), new Document("_id", key + "@" + version)
                .append("key", key.value()).append("version", version).append("graph", write(graph))
                .append("publishedAt", Date.from(at)), new ReplaceOptions().upsert(true));
        journeys.updateOne(Filters.eq("_id", key.value()), Updates.combine(
                Updates.set("name", graph.name()), Updates.set("version", version), Updates.set("publishedAt", Date.from(at)),
                Updates.set("changedAt", Date.from(at)), Updates.setOnInsert("state", "active")), new com.mongodb.client.model.UpdateOptions().upsert(true));
        activeAt = Instant.MIN;
    }

    void state(JourneyKey key, String state, Instant at) {
        journeys.updateOne(Filters.eq("_id", key.value()), Updates.combine(Updates.set("state", state), Updates.set("changedAt", Date.from(at))));
        activeAt = Instant.MIN;
    }

    /** Counts the run once: a second delivery of its enrollment finds it recorded and changes nothing. */
    void entered(JourneyKey key, String enrollment) {
        UpdateResult recorded = enrollments.updateOne(Filters.eq("_id", enrollment), Updates.setOnInsert("journey", key.value()),
                new UpdateOptions().upsert(true));
        if (recorded.getUpsertedId() != null) {
            journeys.updateOne(Filters.eq("_id", key.value()), Updates.combine(Updates.inc("entered", 1L), Updates.inc("inFlight", 1L)));
        }
    }

    /** Counts the run's end once, by the same guard. */
    void ended(JourneyKey key, String enrollment, String outcome) {
        String bucket = outcome.startsWith("coupon refused") ? "coupon-refused" : outcome;
        UpdateResult recorded;
        try {
            // upsert: a run that entered before the guard existed is counted too
            recorded = enrollments.updateOne(Filters.and(Filters.eq("_id", enrollment), Filters.exists("outcome", false)),
                    Updates.combine(Updates.set("outcome", bucket), Updates.setOnInsert("journey", key.value())),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return; // its end was counted
            }
            throw e;
        }
        if (recorded.getModifiedCount() == 1 || recorded.getUpsertedId() != null) {
            journeys.updateOne(Filters.eq("_id", key.value()), Updates.combine(Updates.inc("inFlight", -1L),
                    Updates.inc("outcomes." + bucket.replace('.', '_'), 1L)));
        }
    }

    void clear() {
        journeys.deleteMany(new Document());
        versions.deleteMany(new Document());
        enrollments.deleteMany(new Document());
        graphs.clear();
        activeAt = Instant.MIN;
    }

    public List<JourneyView> journeys() {
        List<JourneyView> list = new ArrayList<>();
        journeys.find().sort(Sorts.ascending("_id")).forEach(d -> list.add(view(d)));
        return list;
    }

    public Optional<JourneyView> journey(String key) {
        return Optional.ofNullable(journeys.find(Filters.eq("_id", key)).first()).map(this::view);
    }

    /** The graph of a published version. */
    public Optional<JourneyGraph> graph(JourneyKey key, int version) {
        String id = key + "@" + version;
        JourneyGraph cached = graphs.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Document doc = versions.find(Filters.eq("_id", id)).first();
        if (doc == null) {
            return Optional.empty();
        }
        JourneyGraph graph = read(doc.getString("graph"));
        graphs.put(id, graph);
        return Optional.of(graph);
    }

    /** The journeys that take new customers, each with the version they enter. */
    public List<Active> active() {
        Instant now = clock.instant();
        List<Active> current = active;
        if (current != null && Duration.between(activeAt, now).compareTo(ACTIVE_CACHE) < 0) {
            return current;
        }
        List<Active> fresh = new ArrayList<>();
        journeys.find(Filters.eq("state", "active")).forEach(d -> {
            JourneyKey key = new JourneyKey(d.getString("_id"));
            int version = d.getInteger("version");
            graph(key, version).ifPresent(g -> fresh.add(new Active(key, version, g)));
        });
        active = List.copyOf(fresh);
        activeAt = now;
        return active;
    }

    private JourneyView view(Document d) {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        Document o = d.get("outcomes", Document.class);
        if (o != null) {
            o.forEach((k, v) -> outcomes.put(k, ((Number) v).longValue()));
        }
        return new JourneyView(d.getString("_id"), d.getString("name"), d.getString("state"), d.getInteger("version", 0),
                instant(d.getDate("publishedAt")), instant(d.getDate("changedAt")), number(d.get("entered")), number(d.get("inFlight")), outcomes);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private String write(JourneyGraph graph) {
        try {
            return json.writeValueAsString(graph);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journey graph cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private JourneyGraph read(String text) {
        try {
            return json.readValue(text, JourneyGraph.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored journey graph cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
