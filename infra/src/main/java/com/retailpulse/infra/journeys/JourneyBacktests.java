package com.retailpulse.infra.journeys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.retailpulse.command.customer.MessagingPolicy;
import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.infra.replay.BackgroundRuns;
import com.retailpulse.infra.replay.StoreReading;
import com.retailpulse.projections.offer.OfferCatalogue;
import com.retailpulse.projections.profile.ProfileAsOf;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.profile.SegmentEvaluator;
import com.retailpulse.sagas.journey.JourneyBacktest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
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

/**
 * Backtests of journeys (docs/backtests.md): one at a time, in the background, each reading the event store
 * from the start up to the position it was asked at, into a {@link JourneyBacktest} of a draft graph or a
 * published version over a past period. Nothing is sent, issued, tagged or called. The run, its progress
 * (events read of the store up to {@code upTo}) and its result are kept in MongoDB ({@code journey_backtests},
 * through {@link BackgroundRuns}).
 *
 * <p>Condition steps see the customer's profile rebuilt from the events that had happened by the simulated
 * moment ({@link ProfileAsOf#asOfBusinessTime}); the customer's zone is the current profile's region.
 */
@Service
public class JourneyBacktests implements AutoCloseable {

    /** A backtest as the API shows it; {@code result} once completed. */
    public record Backtest(String id, String journey, Integer version, boolean draft, Instant from, Instant to, Duration conversionWindow,
                           long upTo, String status, long eventsRead, long position, double percent, String requestedBy,
                           Instant requestedAt, Instant startedAt, Instant finishedAt, Map<String, Object> result, String error) {
    }

    private final EventStore events;
    private final BackgroundRuns runs;
    private final ProfileAsOf profilesAsOf;
    private final ProfileIndex profiles;
    private final OfferCatalogue offers;
    private final MessagingPolicy policy;

    JourneyBacktests(EventStore events, MongoClient mongo, @Value("${spring.data.mongodb.database}") String database,
                     ProfileAsOf profilesAsOf, ProfileIndex profiles, OfferCatalogue offers, MessagingPolicy policy, Clock clock,
                     ObjectMapper json) {
        this.events = events;
        this.runs = new BackgroundRuns(mongo.getDatabase(database).getCollection("journey_backtests"), clock, json, "journey backtest");
        this.profilesAsOf = profilesAsOf;
        this.profiles = profiles;
        this.offers = offers;
        this.policy = policy;
    }

    /** Queues a backtest of {@code graph} (a draft when {@code version} is null) over the period, reading the store up to now. */
    public Backtest start(JourneyKey journey, Integer version, JourneyGraph graph, Instant from, Instant to, Duration window, String user) {
        JourneyBacktest.Plan plan = new JourneyBacktest.Plan(journey, version == null ? 0 : version, graph, from, to, window,
                fireTimes(graph.trigger(), from, to));
        long upTo = StoreReading.head(events);
        Document request = new Document("journey", journey.value()).append("version", version)
                .append("draft", version == null).append("graph", runs.write(graph))
                .append("from", Date.from(from)).append("to", Date.from(to)).append("conversionWindow", window.toString());
        String id = runs.start(request, upTo, user, progress -> run(plan, upTo, progress));
        return find(id).orElseThrow();
    }

    /** Asks a queued or running backtest to stop; answers whether it was still going. */
    /** @throws BackgroundRuns.NotCancellable when the backtest has already ended */
    public void cancel(String id) {
        runs.cancel(id);
    }

    public Optional<Backtest> find(String id) {
        return runs.find(id).map(this::view);
    }

    /** The latest backtests first, of one journey or of all. */
    public List<Backtest> list(String journey, int limit) {
        return runs.list(journey == null ? null : Filters.eq("journey", journey), limit).stream().map(this::view).toList();
    }

    /** The graph a backtest tried, as it was asked. */
    public Optional<JourneyGraph> graph(String id) {
        return runs.find(id).map(d -> runs.read(d.getString("graph"), JourneyGraph.class));
    }

    private JourneyBacktest.Result run(JourneyBacktest.Plan plan, long upTo, BackgroundRuns.Progress progress) throws InterruptedException {
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
            return progress.read(count, position);
        });
        if (read.stopped()) {
            return null;
        }
        progress.readAll(read.events(), upTo);
        return backtest.run(progress::cancelled);
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

    @SuppressWarnings("unchecked")
    private Backtest view(Document d) {
        BackgroundRuns.State s = BackgroundRuns.state(d, false);
        return new Backtest(s.id(), d.getString("journey"), d.getInteger("version"), Boolean.TRUE.equals(d.getBoolean("draft")),
                d.getDate("from").toInstant(), d.getDate("to").toInstant(), Duration.parse(d.getString("conversionWindow")), s.upTo(),
                s.status(), s.eventsRead(), s.position(), s.percent(), s.requestedBy(), s.requestedAt(), s.startedAt(), s.finishedAt(),
                runs.result(d, Map.class), s.error());
    }

    @Override
    public void close() {
        runs.close();
    }
}
