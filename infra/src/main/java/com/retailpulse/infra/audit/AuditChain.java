package com.retailpulse.infra.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.retailpulse.infra.replay.StoreReading;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Tamper evidence for the event store (docs/audit.md, ADR 0026): a hash chain over every stored event in
 * store order. Each event's <em>leaf</em> is the SHA-256 of its canonical form (id, aggregate, sequence,
 * type, revision, timestamp, payload and metadata as JSON with sorted keys); the chain is
 * {@code h(n) = SHA-256(h(n−1) ‖ leaf(n))} from a fixed seed. The sealer extends the chain regularly and
 * stores a checkpoint (count, position, last event id, chain hash) every {@code checkpoint-every} events and
 * at the head, in MongoDB ({@code audit_chain}). A verification recomputes the chain from the first event and
 * compares it with every checkpoint: an event changed, removed or inserted after it was sealed changes every
 * hash from there on, so the first checkpoint that differs bounds where. The head hash can be copied out
 * (to a ticket, a notary, a WORM store) so that the checkpoints themselves cannot be rewritten unseen.
 */
@Service
public class AuditChain implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
    static final String SEED = "retailpulse-audit-chain-v1";

    public record Checkpoint(long events, long position, String eventId, String hash, Instant sealedAt) {
    }

    public record Verification(String id, String status, long eventsChecked, long checkpointsChecked, long position,
                               Long brokenAfterEvents, Long brokenFromPosition, Long brokenToPosition, String expectedHash,
                               String computedHash, String detail, String requestedBy, Instant requestedAt, Instant finishedAt) {
    }

    private final EventStore events;
    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> verifications;
    private final ObjectMapper canonical;
    private final Clock clock;
    private final int checkpointEvery;
    private final Duration settle;
    private final ExecutorService verifier = Executors.newSingleThreadExecutor(new AxonThreadFactory("audit-chain-verify"));
    private final ExecutorService sealer = Executors.newSingleThreadExecutor(new AxonThreadFactory("audit-chain-seal"));
    private final java.util.concurrent.atomic.AtomicBoolean sealing = new java.util.concurrent.atomic.AtomicBoolean();

    AuditChain(EventStore events, MongoClient mongo, @Value("${spring.data.mongodb.database}") String database, Clock clock, @Value("${retailpulse.audit.chain.checkpoint-every:1000}") int checkpointEvery,
               @Value("${retailpulse.audit.chain.settle:PT5S}") Duration settle) {
        this.events = events;
        this.checkpoints = mongo.getDatabase(database).getCollection("audit_chain");
        this.verifications = mongo.getDatabase(database).getCollection("audit_chain_verifications");
        // Its own mapper, not the application's: a change to the API's JSON settings must not change old hashes.
        this.canonical = JsonMapper.builder()
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        this.clock = clock;
        this.checkpointEvery = checkpointEvery;
        this.settle = settle;
    }

    /** The latest checkpoint: how far the chain is sealed, and its hash. */
    public Optional<Checkpoint> head() {
        return Optional.ofNullable(checkpoints.find().sort(Sorts.descending("events")).first()).map(AuditChain::checkpoint);
    }

    public long checkpointCount() {
        return checkpoints.countDocuments();
    }

    /**
     * Starts a seal on the chain's own thread (the application's scheduler has one thread for every periodic
     * task, and a seal after a large import reads many events); skipped while one is still running.
     */
    @Scheduled(fixedDelayString = "${retailpulse.audit.chain.seal-interval:PT1M}",
            initialDelayString = "${retailpulse.audit.chain.seal-interval:PT1M}")
    void sealOnSchedule() {
        if (!sealing.compareAndSet(false, true)) {
            return;
        }
        sealer.submit(() -> {
            try {
                seal();
            } catch (RuntimeException e) {
                log.warn("Sealing the audit chain failed; the next run tries again", e);
            } finally {
                sealing.set(false);
            }
        });
    }

    /**
     * Extends the chain over the events stored since the last checkpoint, up to those stored at least
     * {@code settle} ago, and never past a position still missing (a transaction still committing: its event
     * would land behind the chain, and a verification reading it in its place would find the chain broken),
     * and answers the new head. A position that stays missing (a rolled-back transaction) stops the seal until
     * the event store gives it up as a gap, after a minute.
     */
    public synchronized Optional<Checkpoint> seal() {
        Optional<Checkpoint> last = head();
        // events are stamped by the messages' clock, which the platform's clock (retailpulse.clock.start) may not be
        Instant before = GenericEventMessage.clock.instant().minus(settle);
        long count = last.map(Checkpoint::events).orElse(0L);
        byte[] hash = last.map(c -> HexFormat.of().parseHex(c.hash())).orElse(seed());
        TrackingToken from = last.map(c -> token(c.position())).orElse(null);
        TrackedEventMessage<?> latest = null;
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(from)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> message = stream.peek().orElseThrow();
                if (message.getTimestamp().isAfter(before) || message.trackingToken() instanceof GapAwareTrackingToken gaps
                        && !gaps.getGaps().isEmpty()) {
                    break;
                }
                stream.nextAvailable();
                hash = link(hash, leaf(message));
                count++;
                latest = message;
                if (count % checkpointEvery == 0) {
                    store(count, message, hash);
                    latest = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sealing the audit chain was interrupted", e);
        }
        if (latest != null) {
            store(count, latest, hash);
        }
        return head();
    }

    /** Queues a verification of the whole chain against every checkpoint. */
    public Verification verify(String user) {
        String id = UUID.randomUUID().toString();
        verifications.insertOne(new Document("_id", id).append("status", "RUNNING").append("eventsChecked", 0L)
                .append("checkpointsChecked", 0L).append("position", 0L).append("requestedBy", user)
                .append("requestedAt", Date.from(clock.instant())));
        verifier.submit(() -> runVerification(id));
        return verification(id).orElseThrow();
    }

    /** The latest verifications, newest first: who asked, when, and what each found. */
    public List<Verification> recentVerifications(int limit) {
        List<Verification> recent = new ArrayList<>();
        verifications.find().sort(Sorts.descending("requestedAt")).limit(limit).forEach(d -> recent.add(verificationView(d)));
        return recent;
    }

    public Optional<Verification> verification(String id) {
        return Optional.ofNullable(verifications.find(Filters.eq("_id", id)).first()).map(AuditChain::verificationView);
    }

    private void runVerification(String id) {
        try {
            List<Checkpoint> sealed = new ArrayList<>();
            checkpoints.find().sort(Sorts.ascending("events")).forEach(d -> sealed.add(checkpoint(d)));
            if (sealed.isEmpty()) {
                finish(id, "NOTHING_SEALED", Map.of("detail", "no checkpoint yet: nothing to verify"));
                return;
            }
            byte[] hash = seed();
            long count = 0;
            int next = 0;
            long previousPosition = 0;
            Checkpoint target = sealed.get(sealed.size() - 1);
            try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                while (next < sealed.size() && stream.hasNextAvailable()) {
                    TrackedEventMessage<?> message = stream.nextAvailable();
                    hash = link(hash, leaf(message));
                    count++;
                    Checkpoint expected = sealed.get(next);
                    if (count == expected.events()) {
                        String computed = HexFormat.of().formatHex(hash);
                        long position = StoreReading.position(message.trackingToken());
                        if (!computed.equals(expected.hash()) || !message.getIdentifier().equals(expected.eventId())) {
                            Map<String, Object> broken = new LinkedHashMap<>();
                            broken.put("brokenAfterEvents", next == 0 ? 0L : sealed.get(next - 1).events());
                            broken.put("brokenFromPosition", previousPosition);
                            broken.put("brokenToPosition", expected.position());
                            broken.put("expectedHash", expected.hash());
                            broken.put("computedHash", computed);
                            broken.put("detail", "the chain differs at the checkpoint after " + count + " events (position "
                                    + expected.position() + "): an event stored between positions " + previousPosition + " and "
                                    + expected.position() + " was changed, removed or inserted after it was sealed"
                                    + (message.getIdentifier().equals(expected.eventId()) ? "" : " (the event at the checkpoint is "
                                    + message.getIdentifier() + ", sealed as " + expected.eventId() + ")"));
                            broken.put("eventsChecked", count);
                            broken.put("checkpointsChecked", (long) next);
                            broken.put("position", position);
                            finish(id, "BROKEN", broken);
                            return;
                        }
                        previousPosition = position;
                        next++;
                        if (next % 10 == 0) {
                            verifications.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("eventsChecked", count),
                                    Updates.set("checkpointsChecked", (long) next), Updates.set("position", position)));
                        }
                    }
                }
            }
            if (next < sealed.size()) {
                finish(id, "BROKEN", Map.of("eventsChecked", count, "checkpointsChecked", (long) next,
                        "brokenAfterEvents", next == 0 ? 0L : sealed.get(next - 1).events(), "expectedHash", sealed.get(next).hash(),
                        "detail", "the store ends after " + count + " events but " + sealed.get(next).events()
                                + " were sealed: events were removed"));
                return;
            }
            finish(id, "VERIFIED", Map.of("eventsChecked", count, "checkpointsChecked", (long) next, "position", target.position(),
                    "detail", "every one of the " + next + " checkpoints matches; the head hash is " + target.hash()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(id, "FAILED", Map.of("detail", "interrupted"));
        } catch (RuntimeException e) {
            log.error("Audit chain verification {} failed", id, e);
            finish(id, "FAILED", Map.of("detail", String.valueOf(e.getMessage())));
        }
    }

    /** SHA-256 of the event's canonical form, hex: what an exported audit trail shows per event. */
    public String leafHex(EventMessage<?> message) {
        return HexFormat.of().formatHex(leaf(message));
    }

    byte[] leaf(EventMessage<?> message) {
        Map<String, Object> form = new TreeMap<>();
        form.put("id", message.getIdentifier());
        if (message instanceof DomainEventMessage<?> domain) {
            form.put("aggregate", domain.getAggregateIdentifier());
            form.put("aggregateType", domain.getType());
            form.put("sequence", domain.getSequenceNumber());
        }
        form.put("type", message.getPayloadType().getName());
        var revision = message.getPayloadType().getAnnotation(org.axonframework.serialization.Revision.class);
        form.put("revision", revision == null ? null : revision.value());
        form.put("timestamp", message.getTimestamp().toString());
        form.put("payload", message.getPayload());
        form.put("metadata", new TreeMap<>(message.getMetaData()));
        try {
            return sha256(canonical.writeValueAsBytes(form));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + message.getIdentifier() + " in canonical form", e);
        }
    }

    private static byte[] link(byte[] previous, byte[] leaf) {
        byte[] both = new byte[previous.length + leaf.length];
        System.arraycopy(previous, 0, both, 0, previous.length);
        System.arraycopy(leaf, 0, both, previous.length, leaf.length);
        return sha256(both);
    }

    private static byte[] seed() {
        return sha256(SEED.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void store(long count, TrackedEventMessage<?> message, byte[] hash) {
        checkpoints.insertOne(new Document("_id", count).append("events", count).append("position", StoreReading.position(message.trackingToken()))
                .append("eventId", message.getIdentifier()).append("hash", HexFormat.of().formatHex(hash))
                .append("sealedAt", Date.from(clock.instant())));
    }

    /** A token that resumes the stream after {@code position}, of the kind the store uses. */
    private TrackingToken token(long position) {
        TrackingToken head = events.createHeadToken();
        if (head instanceof GapAwareTrackingToken) {
            return GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet());
        }
        return new GlobalSequenceTrackingToken(position);
    }

    private void finish(String id, String status, Map<String, Object> fields) {
        List<org.bson.conversions.Bson> updates = new ArrayList<>();
        updates.add(Updates.set("status", status));
        updates.add(Updates.set("finishedAt", Date.from(clock.instant())));
        fields.forEach((k, v) -> updates.add(Updates.set(k, v)));
        verifications.updateOne(Filters.eq("_id", id), Updates.combine(updates));
    }

    private static Checkpoint checkpoint(Document d) {
        return new Checkpoint(((Number) d.get("events")).longValue(), ((Number) d.get("position")).longValue(), d.getString("eventId"),
                d.getString("hash"), d.getDate("sealedAt").toInstant());
    }

    private static Verification verificationView(Document d) {
        return new Verification(d.getString("_id"), d.getString("status"), number(d, "eventsChecked"), number(d, "checkpointsChecked"),
                number(d, "position"), longOrNull(d, "brokenAfterEvents"), longOrNull(d, "brokenFromPosition"),
                longOrNull(d, "brokenToPosition"), d.getString("expectedHash"), d.getString("computedHash"), d.getString("detail"),
                d.getString("requestedBy"), d.getDate("requestedAt").toInstant(),
                d.getDate("finishedAt") == null ? null : d.getDate("finishedAt").toInstant());
    }

    private static long number(Document d, String field) {
        Object v = d.get(field);
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static Long longOrNull(Document d, String field) {
        Object v = d.get(field);
        return v == null ? null : ((Number) v).longValue();
    }

    @Override
    public void close() {
        sealer.shutdownNow();
        verifier.shutdownNow();
    }
}
