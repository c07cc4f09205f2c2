package com.retailpulse.infra.segments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.CustomersMergedEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.infra.replay.BackgroundRuns;
import com.retailpulse.infra.replay.StoreReading;
import com.retailpulse.projections.profile.ProfileAsOf;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.SegmentEvaluator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Backtests of segment definitions (docs/backtests.md): a draft condition, or a saved segment's, tried over a
 * past period in the background. The store is read up to the position it was asked at; each customer's
 * profile is rebuilt in memory by the live projection's handlers ({@link ProfileAsOf#timeline}), walked in
 * the order things happened (business time: an imported 2011 order counts as of 2011) and derived at every
 * checkpoint, where the condition is tried on it; a {@link SegmentBacktest} makes the figures. Nothing is
 * written besides the run itself ({@code segment_backtests} in MongoDB) and no membership is recorded.
 *
 * <p>Records merged into one customer are walked together as that customer, from their first event on.
 */
@Service
public class SegmentBacktests implements AutoCloseable {

    private static final int PROGRESS_EVERY_CUSTOMERS = 250;

    /** A backtest as the API shows it; {@code result} once completed. */
    public record Backtest(String id, String segment, Integer version, TagCondition condition, Instant from, Instant to, Duration step,
                           Duration conversionWindow, String status, long upTo, long eventsRead, long position, long customersWalked,
                           long customers, double percent, String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt,
                           SegmentBacktest.Result result, String error) {
    }

    private final EventStore events;
    private final ProfileAsOf profiles;
    private final BackgroundRuns runs;

    SegmentBacktests(EventStore events, MongoClient mongo, @Value("${spring.data.mongodb.database}") String database,
                     ProfileAsOf profiles, Clock clock, ObjectMapper json) {
        this.events = events;
        this.profiles = profiles;
        this.runs = new BackgroundRuns(mongo.getDatabase(database).getCollection("segment_backtests"), clock, json, "segment backtest");
    }

    /** Queues a backtest of {@code condition} (a saved segment's version, or a draft when {@code segment} is null). */
    public Backtest start(String segment, Integer version, TagCondition condition, SegmentBacktest.Plan plan, String user) {
        long upTo = StoreReading.head(events);
        Document request = new Document("segment", segment).append("version", version).append("condition", runs.write(condition))
                .append("from", Date.from(plan.from())).append("to", Date.from(plan.to())).append("step", plan.step().toString())
                .append("conversionWindow", plan.conversionWindow().toString());
        String id = runs.start(request, upTo, user, progress -> walk(condition, plan, upTo, progress));
        return find(id).orElseThrow();
    }

    /** @throws BackgroundRuns.NotCancellable when the backtest has already ended */
    public void cancel(String id) {
        runs.cancel(id);
    }

    public Optional<Backtest> find(String id) {
        return runs.find(id).map(this::view);
    }

    /** The latest backtests first, of one saved segment or of all. */
    public List<Backtest> list(String segment, int limit) {
        return runs.list(segment == null ? null : Filters.eq("segment", segment), limit).stream().map(this::view).toList();
    }

    private SegmentBacktest.Result walk(TagCondition condition, SegmentBacktest.Plan plan, long upTo, BackgroundRuns.Progress progress)
            throws InterruptedException {
        Map<String, List<DomainEventMessage<?>>> byRecord = new HashMap<>();
        Map<String, String> mergedInto = new HashMap<>();
        StoreReading.Read read = StoreReading.upTo(events, upTo, (message, position, count) -> {
            if (message.getPayload() instanceof CustomerEvent event && message instanceof DomainEventMessage<?> stored) {
                byRecord.computeIfAbsent(stored.getAggregateIdentifier(), r -> new ArrayList<>()).add(stored);
                if (event instanceof CustomersMergedEvent merged) {
                    mergedInto.put(merged.absorbed().value(), merged.customerId().value());
                    merged.members().forEach(m -> mergedInto.put(m.customerId().value(), merged.customerId().value()));
                }
            }
            return progress.read(count, position);
        });
        if (read.stopped()) {
            return null;
        }
        progress.readAll(read.events(), upTo);
        Map<String, List<String>> customers = new LinkedHashMap<>();
        new TreeSet<>(byRecord.keySet()).forEach(record -> customers.computeIfAbsent(survivor(record, mergedInto), s -> new ArrayList<>()).add(record));
        SegmentBacktest backtest = new SegmentBacktest(plan);
        List<Instant> checkpoints = backtest.checkpoints();
        long walked = 0;
        for (Map.Entry<String, List<String>> customer : customers.entrySet()) {
            List<DomainEventMessage<?>> history = new ArrayList<>();
            customer.getValue().forEach(record -> history.addAll(byRecord.get(record)));
            history.sort(ProfileAsOf.IN_BUSINESS_ORDER);
            backtest.customer(customer.getKey(), standing(condition, history, checkpoints));
            for (DomainEventMessage<?> m : history) {
                if (m.getPayload() instanceof OrderPlacedEvent order) {
                    backtest.order(customer.getKey(), order.placedAt(), order.currency(), order.total());
                }
            }
            walked++;
            if (walked % PROGRESS_EVERY_CUSTOMERS == 0 && !progress.done(walked, customers.size())) {
                return null;
            }
        }
        progress.done(walked, customers.size());
        return backtest.result();
    }

    /** Whether the customer matched at each checkpoint: null before the customer's first event. */
    private List<Boolean> standing(TagCondition condition, List<DomainEventMessage<?>> history, List<Instant> checkpoints) {
        List<Boolean> standing = new ArrayList<>(checkpoints.size());
        ProfileAsOf.Timeline timeline = profiles.timeline(checkpoints.get(0));
        int next = 0;
        for (Instant checkpoint : checkpoints) {
            while (next < history.size() && !ProfileAsOf.businessTimeOf(history.get(next)).isAfter(checkpoint)) {
                timeline.apply(history.get(next++));
            }
            if (next == 0) {
                standing.add(null);
                continue;
            }
            boolean in = false;
            for (ProfileDocument profile : timeline.at(checkpoint).values()) {
                if (profile.mergedInto() == null && SegmentEvaluator.matches(condition, profile.tags(), Set.copyOf(profile.segments()))) {
                    in = true;
                    break;
                }
            }
            standing.add(in);
        }
        return standing;
    }

    /** The customer a record belongs to at the end: followed through merges (a merge undone keeps its last survivor). */
    private static String survivor(String record, Map<String, String> mergedInto) {
        String at = record;
        for (int hops = 0; mergedInto.containsKey(at) && hops < 64; hops++) {
            at = mergedInto.get(at);
        }
        return at;
    }

    private Backtest view(Document d) {
        BackgroundRuns.State s = BackgroundRuns.state(d, true);
        return new Backtest(s.id(), d.getString("segment"), d.getInteger("version"), runs.read(d.getString("condition"), TagCondition.class),
                d.getDate("from").toInstant(), d.getDate("to").toInstant(), Duration.parse(d.getString("step")),
                Duration.parse(d.getString("conversionWindow")), s.status(), s.upTo(), s.eventsRead(), s.position(), s.done(), s.total(),
                s.percent(), s.requestedBy(), s.requestedAt(), s.startedAt(), s.finishedAt(), runs.result(d, SegmentBacktest.Result.class),
                s.error());
    }

    @Override
    public void close() {
        runs.close();
    }
}
