package com.retailpulse.infra.channels;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Messages that could not be delivered ({@code channel_dead_letters}), kept with the reason until a retry
 * delivers them: the message, its channel and customer, the reason, the attempts of the last try, when,
 * and how many retries were asked for. A Kafka record that is not a readable channel message is kept too,
 * as text under its topic, partition and offset, and cannot be retried.
 */
final class DeadLetters {

    static final String COLLECTION = "channel_dead_letters";

    record Letter(String id, String channel, String customerId, Document message, String raw, String reason, int attempts,
                  int retries, Instant at) {
    }

    private final MongoCollection<Document> letters;
    private final Clock clock;

    DeadLetters(MongoDatabase database, Clock clock) {
        this.letters = database.getCollection(COLLECTION);
        this.letters.createIndex(Indexes.descending("at"));
        this.letters.createIndex(Indexes.compoundIndex(Indexes.ascending("channel"), Indexes.descending("at")));
        this.clock = clock;
    }

    void put(String messageId, String channel, String customerId, Document message, String reason, int attempts, boolean retry) {
        Bson update = Updates.combine(Updates.set("channel", channel), Updates.set("customerId", customerId),
                Updates.set("message", message), Updates.set("reason", reason), Updates.set("attempts", attempts),
                Updates.set("at", Date.from(clock.instant())), Updates.inc("retries", retry ? 1 : 0));
        letters.updateOne(Filters.eq("_id", messageId), update, new UpdateOptions().upsert(true));
    }

    void putUnreadable(String origin, String channel, String raw, String reason) {
        letters.updateOne(Filters.eq("_id", origin), Updates.combine(Updates.set("channel", channel), Updates.set("raw", raw),
                Updates.set("reason", reason), Updates.set("attempts", 0), Updates.set("retries", 0),
                Updates.set("at", Date.from(clock.instant()))), new UpdateOptions().upsert(true));
    }

    Optional<Letter> find(String id) {
        return Optional.ofNullable(letters.find(Filters.eq("_id", id)).first()).map(DeadLetters::letter);
    }

    List<Letter> list(String channel, int limit) {
        List<Letter> found = new ArrayList<>();
        letters.find(channel == null ? new Document() : Filters.eq("channel", channel)).sort(Indexes.descending("at")).limit(limit)
                .forEach(d -> found.add(letter(d)));
        return found;
    }

    void remove(String id) {
        letters.deleteOne(Filters.eq("_id", id));
    }

    private static Letter letter(Document d) {
        Number attempts = d.get("attempts", Number.class);
        Number retries = d.get("retries", Number.class);
        return new Letter(d.getString("_id"), d.getString("channel"), d.getString("customerId"), d.get("message", Document.class),
                d.getString("raw"), d.getString("reason"), attempts == null ? 0 : attempts.intValue(),
                retries == null ? 0 : retries.intValue(), d.getDate("at").toInstant());
    }
}
