package com.retailpulse.infra.journeys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.retailpulse.command.customer.MessagingPolicy;
import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.infra.replay.StoreReading;
import com.retailpulse.projections.offer.OfferCatalogue;
import com.retailpulse.projections.profile.ProfileAsOf;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.profile.SegmentEvaluator;
import com.retailpulse.sagas.journey.JourneyBacktest;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Backtests of journeys (docs/backtests.md): one at a time, in the background, each reading the event store
 * from the start up to the position it was asked at, into a {@link JourneyBacktest} of a draft graph or a
 * published version over a past period. Nothing is sent, issued, tagged or called. The run, its progress
 * (events read of the store up to {@code upTo}) and its result are kept in MongoDB ({@code journey_backtests}).
 *
 * <p>Condition steps see the customer's profile rebuilt from the events that had happened by the simulated
 * moment ({@link ProfileAsOf#asOfBusinessTime}); the customer's zone is the current profile's region.
 */
@Service
public class JourneyBacktests implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JourneyBacktests.class);
    private static final int PROGRESS_EVERY = 5_000;

    /** A backtest as the API shows it; {@code result} once completed. */
    public record Backtest(String id, String journey, Integer version, boolean draft, Instant from, Instant to, Duration conversionWindow,
                           long upTo, String status, long eventsRead, long position, double percent, String requestedBy,
                           Instant requestedAt, Instant startedAt, Instant finishedAt, Map<String, Object> result, String error) {
    }

    private final EventStore events;
    private final MongoCollection<Document> backtests;
    private final ProfileAsOf profilesAsOf;
    private final ProfileIndex profiles;
    private final OfferCatalogue offers;
    private final MessagingPolicy policy;
    private final Clock clock;
    private final ObjectMapper json;
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(new AxonThreadFactory("journey-backtest"));

    JourneyBacktests(EventStore events, MongoClient mongo, @Value("${spring.data.mongodb.database}") String database,
                     ProfileAsOf profilesAsOf, ProfileIndex profiles, OfferCatalogue offers, MessagingPolicy policy, Clock clock,
                     ObjectMapper json) {
        this.events = events;
        this.backtests = mongo.getDatabase(database).getCollection("journey_backtests");
        this.profilesAsOf = profilesAsOf;
        this.profiles = profiles;
        this.offers = offers;
        this.policy = policy;
        this.clock = clock;
        this.json = json;
        this.backtests.createIndex(new Document("requestedAt", -1));
    }

    /** Queues a backtest of {@code graph} (a draft when {@code version} is null) over the period, reading the store up to now. */
    public Backtest start(JourneyKey journey, Integer version, JourneyGraph graph, Instant from, Instant to, Duration window, String user) {
        JourneyBacktest.Plan plan = new JourneyBacktest.Plan(journey, version == null ? 0 : version, graph, from, to, window,
                fireTimes(graph.trigger(), from, to));
        String id = UUID.randomUUID().toString();
        long upTo = StoreReading.head(events);
        backtests.insertOne(new Document("_id", id).append("journey", journey.value()).append("version", version)
                .append("draft", version == null).append("graph", write(graph))
                .append("from", Date.from(from)).append("to", Date.from(to)).append("conversionWindow", window.toString())
                .append("upTo", upTo).append("status", "QUEUED").append("eventsRead", 0L).append("position", 0L)
                .append("requestedBy", user).append("requestedAt", Date.from(clock.instant())));
        runner.submit(() -> run(id, plan, upTo));
        return find(id).orElseThrow();
    }

    /** Asks a queued or running backtest to stop; answers whether it was still going. */
    public boolean cancel(String id) {
        Optional<Backtest> backtest = find(id);
        if (backtest.isEmpty() || !Set.of("QUEUED", "RUNNING").contains(backtest.get().status())) {
            return false;
        }
        cancelled.add(id);
        return true;
    }

    public Optional<Backtest> find(String id) {
        return Optional.ofNullable(backtests.find(Filters.eq("_id", id)).first()).map(this::view);
    }

    /** The latest backtests first, of one journey or of all. */
    public List<Backtest> list(String journey, int limit) {
        var filter = journey == null ? new Document() : Filters.eq("journey", journey);
        return backtests.find(filter).sort(Sorts.descending("requestedAt")).limit(limit).map(this::view).into(new ArrayList<>());
    }

    /** The graph a backtest tried, as it was asked. */
    public Optional<JourneyGraph> graph(String id) {
        return Optional.ofNullable(backtests.find(Filters.eq("_id", id)).first())
                .map(d -> read(d.getString("graph"), JourneyGraph.class));
    }

    private void run(String id, JourneyBacktest.Plan plan, long upTo) {
        if (cancelled.remove(id)) {
            finish(id, "CANCELLED", null);
            return;
        }
        backtests.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "RUNNING"),
                Updates.set("startedAt", Date.from(clock.instant()))));
        try {
            Map<String, Optional<ZoneId>> zones = new HashMap<>();
            JourneyBacktest backtest = new JourneyBacktest(plan, limits(), new JourneyBacktest.Profiles() {
                @Override
                public boolean matches(CustomerId customer, TagCondition condition, Instant at) {
                    Optional<ProfileDocument> then = profilesAsOf.asOfBusinessTime(customer.value(), at);
                    return SegmentEvaluator.matches(condition, then.map(ProfileDocument::tags).orElse(Map.of()),
                            then.map(p -> Set.copyOf(p.segments())).orElse(Set.of()));
                }

                @Override
                public ZoneId zoneOf(CustomerId customer, Instant at) {
                    return zones.computeIfAbsent(customer.value(), c -> profiles.find(c)
                            .map(p -> p.tags().get("member.region")).map(r -> policy.zoneOf(r.toString())))
                            .orElse(policy.zoneOf(null));
                }
            }, offerId -> offers.offer(offerId).map(OfferCatalogue.OfferView::terms));
            StoreReading.Read read = StoreReading.upTo(events, upTo, (message, position, count) -> {
                if (message.getPayload() instanceof CustomerEvent event) {
                    backtest.add(event, message.getTimestamp(), position);
                }
                if (count % PROGRESS_EVERY == 0) {
                    if (cancelled.remove(id)) {
                        return false;
                    }
                    backtests.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("eventsRead", count),
                            Updates.set("position", position)));
                }
                return true;
            });
            JourneyBacktest.Result result = read.stopped() ? null : backtest.run(() -> cancelled.contains(id));
            if (result == null) {
                cancelled.remove(id);
                finish(id, "CANCELLED", null);
                return;
            }
            backtests.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("eventsRead", read.events()),
                    Updates.set("position", upTo), Updates.set("result", write(result))));
            finish(id, "COMPLETED", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(id, "FAILED", "interrupted");
        } catch (RuntimeException | Error e) {
            log.error("Journey backtest {} failed", id, e);
            finish(id, "FAILED", String.valueOf(e.getMessage()));
        }
    }

    private JourneyBacktest.Limits limits() {
        return new JourneyBacktest.Limits(policy.dailyCap(), policy.weeklyCap(), policy.channelDailyCaps(), policy.channelWeeklyCaps(),
                policy.priorityWindow(), policy::quietUntil);
    }

    /** The fire times of a schedule trigger within the period (none for other triggers). */
    static List<Instant> fireTimes(Trigger trigger, Instant from, Instant to) {
        List<Instant> times = new ArrayList<>();
        if (trigger instanceof Trigger.OnSchedule schedule) {
            Optional<Instant> next = JourneySchedules.next(schedule, from.minusNanos(1));
            while (next.isPresent() && next.get().isBefore(to)) {
                times.add(next.get());
                next = JourneySchedules.next(schedule, next.get());
            }
        }
        return times;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Results and graphs are kept as JSON text: their keys (step ids, tags) may hold dots, which document keys may not. */
    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored " + type.getSimpleName(), e);
        }
    }

    private void finish(String id, String status, String error) {
        backtests.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", status), Updates.set("error", error),
                Updates.set("finishedAt", Date.from(clock.instant()))));
    }

    @SuppressWarnings("unchecked")
    private Backtest view(Document d) {
        long upTo = ((Number) d.get("upTo")).longValue();
        long position = ((Number) d.get("position")).longValue();
        String status = d.getString("status");
        double percent = StoreReading.percent("COMPLETED".equals(status), position, upTo);
        String result = d.getString("result");
        return new Backtest(d.getString("_id"), d.getString("journey"), d.getInteger("version"), Boolean.TRUE.equals(d.getBoolean("draft")),
                d.getDate("from").toInstant(), d.getDate("to").toInstant(), Duration.parse(d.getString("conversionWindow")), upTo, status,
                ((Number) d.get("eventsRead")).longValue(), position, percent, d.getString("requestedBy"), instant(d, "requestedAt"),
                instant(d, "startedAt"), instant(d, "finishedAt"), result == null ? null : read(result, Map.class),
                d.getString("error"));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.get(field, Date.class);
        return date == null ? null : date.toInstant();
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
