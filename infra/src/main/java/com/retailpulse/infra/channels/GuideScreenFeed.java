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
 * The in-store guide screen's feed ({@code guide_screen_feed}): a message is stored under the member code
 * it is addressed to; the store's device reads the member's feed when the member is served and
 * acknowledges each message it showed. Keyed by message id, so storing again changes nothing.
 */
final class GuideScreenFeed implements ChannelProvider, BuiltInProvider {

    static final String COLLECTION = "guide_screen_feed";

    /** One message for the guide's screen; {@code shownAt} is null until shown. */
    record Entry(String messageId, String member, String customerId, String title, String body, String offerId,
                 String couponCode, Instant deliveredAt, Instant shownAt) {
    }

    private final MongoCollection<Document> feed;
    private final Clock clock;

    GuideScreenFeed(MongoDatabase database, Clock clock) {
        this.feed = database.getCollection(COLLECTION);
        this.feed.createIndex(Indexes.compoundIndex(Indexes.ascending("member"), Indexes.descending("deliveredAt")));
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.GUIDE_SCREEN;
    }

    @Override
    public String deliver(ChannelMessage message) {
        String id = message.messageId().value();
        Document doc = new Document("member", message.recipient()).append("customerId", message.customerId())
                .append("title", message.title()).append("body", message.body()).append("offerId", message.offerId())
                .append("couponCode", message.couponCode()).append("deliveredAt", Date.from(clock.instant()));
        // Stored again (a delivery retried after a crash): the first copy and its shown mark stay.
        feed.updateOne(Filters.eq("_id", id), new Document("$setOnInsert", doc), new UpdateOptions().upsert(true));
        return "guide-screen:" + id;
    }

    List<Entry> forMember(String member, int limit) {
        List<Entry> found = new ArrayList<>();
        feed.find(Filters.eq("member", member)).sort(Sorts.descending("deliveredAt")).limit(limit).forEach(d -> found.add(entry(d)));
        return found;
    }

    /** Marks the message shown (the first time only); empty when there is no such message. */
    Optional<Entry> markShown(String messageId) {
        Document updated = feed.findOneAndUpdate(Filters.and(Filters.eq("_id", messageId), Filters.exists("shownAt", false)),
                Updates.set("shownAt", Date.from(clock.instant())), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (updated != null) {
            return Optional.of(entry(updated));
        }
        return Optional.ofNullable(feed.find(Filters.eq("_id", messageId)).first()).map(GuideScreenFeed::entry);
    }

    private static Entry entry(Document d) {
        Date shown = d.getDate("shownAt");
        return new Entry(d.getString("_id"), d.getString("member"), d.getString("customerId"), d.getString("title"),
                d.getString("body"), d.getString("offerId"), d.getString("couponCode"), d.getDate("deliveredAt").toInstant(),
                shown == null ? null : shown.toInstant());
    }

    @Override
    public String toString() {
        return "guide-screen feed in MongoDB";
    }
}
