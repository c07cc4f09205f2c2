package com.retailpulse.infra.channels;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Which messages were handed to their provider ({@code channel_deliveries}, one document per message id:
 * the id is the key, so it is unique). A delivery first claims its message here; only the claimant sends,
 * so a message read again from Kafka, or by another node, is never sent twice. States: SENDING (claimed,
 * the provider's answer not yet recorded), DELIVERED, DEAD (dead-lettered; sent again only through a retry).
 */
final class DeliveryLedger {

    static final String COLLECTION = "channel_deliveries";

    enum Status { SENDING, DELIVERED, DEAD }

    /** A claim on a message; {@code won} false: someone claimed it before, in {@code status}. */
    record Claim(boolean won, Status status, String providerMessageId) {
    }

    private final MongoCollection<Document> deliveries;
    private final Clock clock;
    private final String node;

    DeliveryLedger(MongoDatabase database, Clock clock, String node) {
        this.deliveries = database.getCollection(COLLECTION);
        this.deliveries.createIndex(Indexes.ascending("status", "claimedAt"));
        this.clock = clock;
        this.node = node;
    }

    Claim claim(String messageId, String channel, String customerId, Document message) {
        Instant now = clock.instant();
        try {
            deliveries.insertOne(new Document("_id", messageId).append("channel", channel).append("customerId", customerId)
                    .append("status", Status.SENDING.name()).append("claimedAt", Date.from(now)).append("claimedBy", claimant())
                    .append("message", message));
            return new Claim(true, Status.SENDING, null);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = deliveries.find(Filters.eq("_id", messageId)).first();
        if (existing == null) {
            // removed between the two calls: only a manual clean-up does that; claim again
            return claim(messageId, channel, customerId, message);
        }
        return new Claim(false, Status.valueOf(existing.getString("status")), existing.getString("providerMessageId"));
    }

    /** Claims a dead-lettered message for a retry; false when it is not (or no longer) dead-lettered. */
    boolean reclaimDead(String messageId) {
        return deliveries.updateOne(Filters.and(Filters.eq("_id", messageId), Filters.eq("status", Status.DEAD.name())),
                Updates.combine(Updates.set("status", Status.SENDING.name()), Updates.set("claimedAt", Date.from(clock.instant())),
                        Updates.set("claimedBy", claimant()))).getModifiedCount() == 1;
    }

    Status status(String messageId) {
        Document found = deliveries.find(Filters.eq("_id", messageId)).first();
        return found == null ? null : Status.valueOf(found.getString("status"));
    }

    void delivered(String messageId, String providerMessageId, int attempts) {
        deliveries.updateOne(Filters.eq("_id", messageId), Updates.combine(Updates.set("status", Status.DELIVERED.name()),
                Updates.set("providerMessageId", providerMessageId), Updates.inc("attempts", attempts),
                Updates.set("deliveredAt", Date.from(clock.instant())), Updates.unset("reason")));
    }

    void dead(String messageId, String reason, int attempts) {
        deliveries.updateOne(Filters.eq("_id", messageId), Updates.combine(Updates.set("status", Status.DEAD.name()),
                Updates.set("reason", reason), Updates.inc("attempts", attempts)));
    }

    /** Notes that the receipt for a delivered message could not be recorded (see docs/channels.md). */
    void receiptProblem(String messageId, String problem) {
        deliveries.updateOne(Filters.eq("_id", messageId), Updates.set("receiptProblem", problem));
    }

    /** Claims still SENDING that were made before {@code before}: their claimant stopped before recording an answer. */
    List<Document> staleClaims(Instant before, int limit) {
        List<Document> found = new ArrayList<>();
        deliveries.find(Filters.and(Filters.eq("status", Status.SENDING.name()), Filters.lt("claimedAt", Date.from(before))))
                .limit(limit).forEach(found::add);
        return found;
    }

    /** Turns a stale claim dead; false when it moved on meanwhile (answered, or expired by another node). */
    boolean expire(Document claim, String reason) {
        return deliveries.updateOne(Filters.and(Filters.eq("_id", claim.get("_id")), Filters.eq("status", Status.SENDING.name()),
                        Filters.eq("claimedAt", claim.getDate("claimedAt"))),
                Updates.combine(Updates.set("status", Status.DEAD.name()), Updates.set("reason", reason))).getModifiedCount() == 1;
    }

    private String claimant() {
        return node + "/" + Thread.currentThread().getName();
    }
}
