package com.retailpulse.infra.channels;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.ChannelMessage;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The app's inbox ({@code inbox_messages}): delivering a message stores it for its customer, where the
 * app's backend lists it; the app reports it read. Keyed by message id, so storing again changes nothing.
 */
final class Inbox implements ChannelProvider, BuiltInProvider {

    static final String COLLECTION = "inbox_messages";

    /** One message as the app shows it; {@code readAt} is null until read. */
    record Entry(String messageId, String customerId, String title, String body, String offerId, String couponCode,
                 Instant deliveredAt, Instant readAt) {
    }

    private final MongoCollection<Document> messages;
    private final Clock clock;

    Inbox(MongoDatabase database, Clock clock) {
        this.messages = database.getCollection(COLLECTION);
        this.messages.createIndex(Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("deliveredAt")));
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.INBOX;
    }

    @Override
    public String deliver(ChannelMessage message) {
        String id = message.messageId().value();
        Document doc = new Document("customerId", message.customerId()).append("title", message.title())
                .append("body", message.body()).append("offerId", message.offerId()).append("couponCode", message.couponCode())
                .append("deliveredAt", Date.from(clock.instant()));
        // Stored again (a delivery retried after a crash): the first copy and its read mark stay.
        messages.updateOne(Filters.eq("_id", id), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
        return "inbox:" + id;
    }

    List<Entry> list(String customerId, int limit) {
        List<Entry> found = new ArrayList<>();
        messages.find(Filters.eq("customerId", customerId)).sort(Sorts.descending("deliveredAt")).limit(limit)
                .forEach(d -> found.add(entry(d)));
        return found;
    }

    /** Marks the message read (the first time only); empty when the customer has no such message. */
    Optional<Entry> markRead(String customerId, String messageId) {
        Document updated = messages.findOneAndUpdate(
                Filters.and(Filters.eq("_id", messageId), Filters.eq("customerId", customerId), Filters.exists("readAt", false)),
                Updates.set("readAt", Date.from(clock.instant())), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (updated != null) {
            return Optional.of(entry(updated));
        }
        return Optional.ofNullable(messages.find(Filters.and(Filters.eq("_id", messageId), Filters.eq("customerId", customerId))).first())
                .map(Inbox::entry);
    }

    private static Entry entry(Document d) {
        Date read = d.getDate("readAt");
        return new Entry(d.getString("_id"), d.getString("customerId"), d.getString("title"), d.getString("body"),
                d.getString("offerId"), d.getString("couponCode"), d.getDate("deliveredAt").toInstant(),
                read == null ? null : read.toInstant());
    }

    @Override
    public String toString() {
        return "inbox in MongoDB";
    }
}
