package com.retailpulse.infra.journeys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.retailpulse.contracts.journey.JourneyWebhookRequestedEvent;
import com.retailpulse.infra.channels.SignedWebhookPost;
import com.retailpulse.infra.privacy.PersonalDataStore;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers the calls of journey webhook steps (docs/journeys.md), apart from the runs: a run publishes a
 * {@link JourneyWebhookRequestedEvent} and goes on; this processor posts it. At most once: each request id
 * ({@code journey:<enrollment>:<step>:<pass>}, also the {@code Idempotency-Key}) is claimed first in
 * {@code journey_webhook_deliveries}, so a request handled again sends nothing. The body is written once,
 * at the claim, and kept: a retry sends the same bytes. Faults that may pass are retried with the
 * channels' backoff; after the last attempt the delivery is DEAD with the reason and listed as a dead letter
 * until a retry delivers it. A claim left SENDING by a crash is listed as interrupted after
 * {@link #INTERRUPTED_AFTER} (the receiver may have it: the idempotency key lets it tell).
 */
@ProcessingGroup(JourneyWebhooks.PROCESSING_GROUP)
class JourneyWebhooks {

    static final String PROCESSING_GROUP = "journey-webhooks";
    static final String COLLECTION = "journey_webhook_deliveries";
    static final Duration INTERRUPTED_AFTER = Duration.ofMinutes(10);

    enum Status { SENDING, DELIVERED, DEAD }

    record Delivery(String id, String status, String endpoint, String journey, String customerId, String step, String reason,
                    int attempts, int retries, Instant at, Map<String, Object> body) {
    }

    /** A retry that cannot be made: unknown, delivered, or being delivered. */
    static final class RetryRefusedException extends RuntimeException {
        final boolean notFound;

        RetryRefusedException(String message, boolean notFound) {
            super(message);
            this.notFound = notFound;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(JourneyWebhooks.class);

    /**
     * What the deliveries hold on a customer: the bodies carry profile fields. Erasure deletes the customer's
     * dead letters (an erased customer is not told about again) and strips the body from the other deliveries,
     * whose ids stay: they keep a request handled again from being sent twice.
     */
    static PersonalDataStore personalData(MongoDatabase database) {
        MongoCollection<Document> deliveries = database.getCollection(COLLECTION);
        return new PersonalDataStore() {
            @Override
            public String name() {
                return "journey webhook deliveries";
            }

            @Override
            public List<Map<String, Object>> export(String customerId) {
                List<Map<String, Object>> held = new ArrayList<>();
                for (Document d : deliveries.find(Filters.eq("customerId", customerId))) {
                    Document copy = new Document(d);
                    if (d.get("body") instanceof Binary body) {
                        copy.put("body", new String(body.getData(), StandardCharsets.UTF_8));
                    }
                    held.add(copy);
                }
                return held;
            }

            @Override
            public long erase(String customerId) {
                long dead = deliveries.deleteMany(Filters.and(Filters.eq("customerId", customerId),
                        Filters.eq("status", Status.DEAD.name()))).getDeletedCount();
                long stripped = deliveries.updateMany(Filters.and(Filters.eq("customerId", customerId), Filters.exists("body"),
                        Filters.eq("status", Status.DELIVERED.name())), Updates.unset("body")).getModifiedCount();
                return dead + stripped;
            }
        };
    }

    private final MongoCollection<Document> deliveries;
    private final JourneyWebhookEndpoints endpoints;
    private final ProfileIndex profiles;
    private final ObjectMapper json;
    private final Clock clock;

    JourneyWebhooks(MongoDatabase database, JourneyWebhookEndpoints endpoints, ProfileIndex profiles, ObjectMapper json, Clock clock) {
        this.deliveries = database.getCollection(COLLECTION);
        this.deliveries.createIndex(new Document("status", 1).append("at", -1));
        this.endpoints = endpoints;
        this.profiles = profiles;
        this.json = json;
        this.clock = clock;
    }

    @EventHandler
    void on(JourneyWebhookRequestedEvent event) {
        byte[] body = body(event);
        Instant now = clock.instant();
        try {
            deliveries.insertOne(new Document("_id", event.requestId()).append("status", Status.SENDING.name())
                    .append("endpoint", event.endpoint()).append("journey", event.journey().value())
                    .append("customerId", event.customerId().value()).append("step", event.step())
                    .append("body", new Binary(body)).append("attempts", 0).append("retries", 0).append("at", Date.from(now)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                log.debug("journey webhook {} was claimed before; not sent again", event.requestId());
                return;
            }
            throw e;
        }
        send(event.requestId(), event.endpoint(), body, false);
    }

    /** Sends a dead (or interrupted) delivery again, with the same body and idempotency key. */
    Delivery retry(String id) {
        Document found = deliveries.find(Filters.eq("_id", id)).first();
        if (found == null) {
            throw new RetryRefusedException("no journey webhook delivery " + id, true);
        }
        Date staleBefore = Date.from(clock.instant().minus(INTERRUPTED_AFTER));
        Document claimed = deliveries.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.or(
                        Filters.eq("status", Status.DEAD.name()),
                        Filters.and(Filters.eq("status", Status.SENDING.name()), Filters.lt("at", staleBefore)))),
                Updates.combine(Updates.set("status", Status.SENDING.name()), Updates.set("at", Date.from(clock.instant())),
                        Updates.inc("retries", 1)));
        if (claimed == null) {
            throw new RetryRefusedException("journey webhook " + id + " is " + (Status.DELIVERED.name().equals(found.getString("status"))
                    ? "delivered already" : "being delivered right now"), false);
        }
        send(id, claimed.getString("endpoint"), claimed.get("body", Binary.class).getData(), true);
        return find(id).orElseThrow();
    }

    private void send(String id, String endpointName, byte[] body, boolean isRetry) {
        Optional<SignedWebhookPost> endpoint = endpoints.find(endpointName);
        if (endpoint.isEmpty()) {
            dead(id, "no webhook endpoint '" + endpointName + "' is configured (retailpulse.journeys.webhooks." + endpointName + ")", 0);
            return;
        }
        try {
            SignedWebhookPost.Sent sent = endpoint.get().send(body, id);
            deliveries.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", Status.DELIVERED.name()),
                    Updates.set("attempts", sent.attempts()), Updates.unset("reason"), Updates.set("at", Date.from(clock.instant()))));
            if (isRetry) {
                log.info("journey webhook {} delivered on retry", id);
            }
        } catch (SignedWebhookPost.Failed e) {
            dead(id, e.getMessage(), e.attempts());
        } catch (RuntimeException e) {
            dead(id, endpoint.get() + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), 1);
        }
    }

    private void dead(String id, String reason, int attempts) {
        log.warn("journey webhook {} dead-lettered after {} attempt(s): {}", id, attempts, reason);
        deliveries.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", Status.DEAD.name()),
                Updates.set("reason", reason), Updates.set("attempts", attempts), Updates.set("at", Date.from(clock.instant()))));
    }

    /**
     * The JSON posted: the request id, customer, journey, version, run, step, trigger and when, and the
     * profile fields the step names as the profile holds them now (null where it has none).
     */
    private byte[] body(JourneyWebhookRequestedEvent event) {
        // A tree, written as it is: a field the profile lacks is sent as null whatever the mapper leaves out.
        ObjectNode body = json.createObjectNode();
        body.put("id", event.requestId());
        body.put("customerId", event.customerId().value());
        body.put("journey", event.journey().value());
        body.put("version", event.version());
        body.put("run", event.enrollmentId());
        body.put("step", event.step());
        body.put("trigger", event.trigger());
        body.put("enrolledAt", event.enrolledAt() == null ? null : event.enrolledAt().toString());
        body.put("requestedAt", event.requestedAt().toString());
        ObjectNode profile = body.putObject("profile");
        if (!event.fields().isEmpty()) {
            Map<String, Object> tags = profiles.find(event.customerId().value()).map(ProfileDocument::tags).orElse(Map.of());
            event.fields().forEach(field -> profile.set(field, json.valueToTree(tags.get(field))));
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write journey webhook " + event.requestId() + ": " + e.getOriginalMessage(), e);
        }
    }

    Optional<Delivery> find(String id) {
        return Optional.ofNullable(deliveries.find(Filters.eq("_id", id)).first()).map(this::delivery);
    }

    /** Dead deliveries, and claims interrupted by a crash, newest first. */
    List<Delivery> deadLetters(int limit) {
        Date staleBefore = Date.from(clock.instant().minus(INTERRUPTED_AFTER));
        List<Delivery> list = new ArrayList<>();
        deliveries.find(Filters.or(Filters.eq("status", Status.DEAD.name()),
                        Filters.and(Filters.eq("status", Status.SENDING.name()), Filters.lt("at", staleBefore))))
                .sort(Sorts.descending("at")).limit(limit).forEach(d -> list.add(delivery(d)));
        return list;
    }

    @SuppressWarnings("unchecked")
    private Delivery delivery(Document d) {
        Map<String, Object> body;
        try {
            body = json.readValue(d.get("body", Binary.class).getData(), Map.class);
        } catch (java.io.IOException e) {
            body = Map.of("unreadable", new String(d.get("body", Binary.class).getData(), StandardCharsets.UTF_8));
        }
        String status = d.getString("status");
        String reason = d.getString("reason");
        if (Status.SENDING.name().equals(status) && d.getDate("at").toInstant().isBefore(clock.instant().minus(INTERRUPTED_AFTER))) {
            status = "INTERRUPTED";
            reason = "claimed at " + d.getDate("at").toInstant() + " and never answered (a crash?); the receiver may have it";
        }
        return new Delivery(d.getString("_id"), status, d.getString("endpoint"), d.getString("journey"), d.getString("customerId"),
                d.getString("step"), reason, d.getInteger("attempts", 0), d.getInteger("retries", 0), d.getDate("at").toInstant(), body);
    }
}
