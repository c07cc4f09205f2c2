package com.retailpulse.infra.models;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomersMergedEvent;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.RecordCustomerScoreCommand;
import com.retailpulse.intelligence.data.Purchase;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * Scores customers with the models in service (churn, LTV, clusters) and records the scores on the
 * customer ({@code RecordCustomerScoreCommand}; only changes become {@code CustomerScoredEvent}s, which
 * the profile projection turns into {@code score.<model>.*} dimensions that segments can test).
 *
 * <ul>
 *   <li>Online: every order, cancellation or merge, as its event is stored, scores that customer from their
 *   purchases in the event store as of now. The processor starts at the head of the stream, and an event
 *   stored before a model's promotion is left to the promotion's run: history is scored by runs, not by
 *   re-reading a customer's history for every order ever placed.</li>
 *   <li>Runs ({@code model_scorings} in MongoDB, with progress): every customer with purchases, with every
 *   model in service nightly (recency moves with the calendar), with the promoted model after a promotion.</li>
 * </ul>
 * A score that fails is logged and left to the next run; the customer's other scores still go out.
 */
@Component
@ProcessingGroup(CustomerScoring.PROCESSING_GROUP)
public class CustomerScoring implements AutoCloseable {

    public static final String PROCESSING_GROUP = "customer-scoring";
    private static final Logger log = LoggerFactory.getLogger(CustomerScoring.class);
    private static final int IN_FLIGHT = 256;

    /** A scoring run: {@code customers} with purchase lines, {@code scored} of them given a score so far. */
    public record Run(String id, String reason, List<String> models, String status, long customers, long scored,
                      Instant startedAt, Instant finishedAt, String error) {
    }

    private final List<CustomerScorer> scorers;
    private final EventStorePurchases purchases;
    private final ProfileIndex profiles;
    private final CommandGateway commands;
    private final Clock clock;
    private final MongoCollection<Document> runs;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(new AxonThreadFactory("customer-scoring-run"));

    CustomerScoring(List<CustomerScorer> scorers, EventStorePurchases purchases, ProfileIndex profiles, CommandGateway commands,
                    Clock clock, MongoClient mongo, @Value("${spring.data.mongodb.database}") String database) {
        this.scorers = List.copyOf(scorers);
        this.purchases = purchases;
        this.profiles = profiles;
        this.commands = commands;
        this.clock = clock;
        this.runs = mongo.getDatabase(database).getCollection("model_scorings");
    }

    @EventHandler
    void on(OrderPlacedEvent event, @Timestamp Instant storedAt) {
        scoreOnline(event.customerId(), storedAt);
    }

    @EventHandler
    void on(OrderCancelledEvent event, @Timestamp Instant storedAt) {
        scoreOnline(event.customerId(), storedAt);
    }

    @EventHandler
    void on(CustomersMergedEvent event, @Timestamp Instant storedAt) {
        scoreOnline(event.customerId(), storedAt);
    }

    /**
     * Scores the customer with each model in service since before the event was stored; events stored
     * earlier belong to the scoring run that followed the model's promotion (which read them).
     */
    private void scoreOnline(CustomerId record, Instant storedAt) {
        Instant now = clock.instant();
        List<CustomerScorer> serving = scorers.stream()
                .filter(s -> s.inServiceSince().filter(since -> !storedAt.isBefore(since)).isPresent()).toList();
        if (serving.isEmpty()) {
            return;
        }
        try {
            Optional<ProfileDocument> profile = profiles.find(record.value());
            String customer = profile.map(ProfileDocument::mergedInto).orElse(record.value());
            if (!customer.equals(record.value())) {
                profile = profiles.find(customer);
            }
            List<String> records = profile.map(ProfileDocument::records).filter(r -> r.contains(customer)).orElse(List.of(customer));
            score(serving, customer, purchases.ofCustomer(customer, records), now, new Semaphore(IN_FLIGHT));
        } catch (RuntimeException e) {
            log.warn("Scoring customer {} failed; the next scoring run scores them", record.value(), e);
        }
    }

    /** Queues a run that scores every customer with purchases with every model in service. */
    public Run start(String reason) {
        return start(reason, scorers.stream().map(CustomerScorer::name).toList());
    }

    /** Queues a run that scores every customer with purchases with these models (those in service). */
    Run start(String reason, List<String> models) {
        String id = UUID.randomUUID().toString();
        runs.insertOne(new Document("_id", id).append("reason", reason).append("models", models).append("status", "QUEUED")
                .append("customers", 0L).append("scored", 0L).append("requestedAt", Date.from(clock.instant())));
        List<CustomerScorer> chosen = scorers.stream().filter(s -> models.contains(s.name())).toList();
        runner.submit(() -> run(id, chosen));
        return find(id).orElseThrow();
    }

    @Scheduled(cron = "${retailpulse.models.rescore-cron}", zone = "${retailpulse.tags.zone}")
    public void nightly() {
        start("nightly re-score");
    }

    public Optional<Run> find(String id) {
        return Optional.ofNullable(runs.find(Filters.eq("_id", id)).first()).map(CustomerScoring::view);
    }

    private void run(String id, List<CustomerScorer> chosen) {
        Instant now = clock.instant();
        runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "RUNNING"),
                Updates.set("startedAt", Date.from(now))));
        try {
            long scored = scoreAll(chosen, now, (customers, done) -> runs.updateOne(Filters.eq("_id", id),
                    Updates.combine(Updates.set("customers", customers), Updates.set("scored", done))));
            runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "COMPLETED"), Updates.set("scored", scored),
                    Updates.set("finishedAt", Date.from(clock.instant()))));
            log.info("Scoring run {} scored {} customers", id, scored);
        } catch (RuntimeException e) {
            log.error("Scoring run {} failed", id, e);
            runs.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", "FAILED"),
                    Updates.set("error", String.valueOf(e.getMessage())), Updates.set("finishedAt", Date.from(clock.instant()))));
        }
    }

    interface Progress {
        void of(long customers, long scored);
    }

    /** Scores every customer with purchases before {@code at}; answers how many were scored. */
    private long scoreAll(List<CustomerScorer> chosen, Instant at, Progress progress) {
        Map<String, List<Purchase>> byCustomer = purchases.readUntil(at, read -> { }).purchases().stream()
                .collect(Collectors.groupingBy(Purchase::customerId));
        long customers = byCustomer.size();
        progress.of(customers, 0);
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        long done = 0;
        long scored = 0;
        for (Map.Entry<String, List<Purchase>> customer : byCustomer.entrySet()) {
            if (score(chosen, customer.getKey(), customer.getValue(), at, inFlight)) {
                scored++;
            }
            if (++done % 1_000 == 0) {
                progress.of(customers, scored);
            }
        }
        inFlight.acquireUninterruptibly(IN_FLIGHT);
        inFlight.release(IN_FLIGHT);
        progress.of(customers, scored);
        return scored;
    }

    /**
     * Sends each model's score of the customer, at most {@link #IN_FLIGHT} commands unanswered at a time;
     * answers whether any model scored them (a customer who only returned goods has no score).
     */
    private boolean score(List<CustomerScorer> chosen, String customer, List<Purchase> history, Instant at, Semaphore inFlight) {
        boolean any = false;
        for (CustomerScorer scorer : chosen) {
            Optional<CustomerScorer.Score> score;
            try {
                score = scorer.score(customer, history, at);
            } catch (RuntimeException e) {
                log.warn("Model {} could not score customer {}", scorer.name(), customer, e);
                continue;
            }
            any |= score.isPresent();
            score.ifPresent(s -> {
                inFlight.acquireUninterruptibly();
                commands.send(new RecordCustomerScoreCommand(new CustomerId(customer), s.model(), s.version(), s.values(), s.label(), at))
                        .whenComplete((result, failure) -> {
                            inFlight.release();
                            if (failure != null) {
                                log.warn("Recording the {} score of {} failed", s.model(), customer, failure);
                            }
                        });
            });
        }
        return any;
    }

    private static Run view(Document d) {
        return new Run(d.getString("_id"), d.getString("reason"), d.getList("models", String.class), d.getString("status"), ((Number) d.get("customers")).longValue(),
                ((Number) d.get("scored")).longValue(),
                d.getDate("startedAt") == null ? null : d.getDate("startedAt").toInstant(),
                d.getDate("finishedAt") == null ? null : d.getDate("finishedAt").toInstant(), d.getString("error"));
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
