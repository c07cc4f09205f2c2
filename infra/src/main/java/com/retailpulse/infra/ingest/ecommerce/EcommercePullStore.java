package com.retailpulse.infra.ingest.ecommerce;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Where each pulled source has got to ({@code ecommerce_pull_cursors}, so a restart resumes) and
 * the orders it could not record ({@code ecommerce_rejects}, with the reason). Rejects hold no
 * order payload: it carries buyer ids and addresses.
 */
@Component
public class EcommercePullStore {

    public static final String CURSORS = "ecommerce_pull_cursors";
    public static final String REJECTS = "ecommerce_rejects";

    private final MongoCollection<Document> cursors;
    private final MongoCollection<Document> rejects;
    private final Clock clock;

    public EcommercePullStore(MongoClient client, @Value("${spring.data.mongodb.database}") String database, Clock clock) {
        MongoDatabase db = client.getDatabase(database);
        this.cursors = db.getCollection(CURSORS);
        this.rejects = db.getCollection(REJECTS);
        this.rejects.createIndex(Indexes.ascending("source", "at"));
        this.clock = clock;
    }

    /** A rejected order: {@code orderId} is null when even the id could not be read. */
    public record Reject(String source, String platform, String orderId, String cursor, String reason, java.time.Instant at) {
    }

    public Optional<String> cursor(String source) {
        return Optional.ofNullable(cursors.find(Filters.eq("_id", source)).first()).map(d -> d.getString("cursor"));
    }

    public void saveCursor(String source, String platform, String cursor) {
        cursors.replaceOne(Filters.eq("_id", source), new Document("_id", source).append("platform", platform)
                .append("cursor", cursor).append("updatedAt", Date.from(clock.instant())), new ReplaceOptions().upsert(true));
    }

    /** Keyed by source and order, so a page read again replaces its rejects instead of adding more. */
    public void reject(String source, String platform, String orderId, String cursor, int index, String reason) {
        String id = source + ":" + (orderId == null ? "page:" + cursor + ":" + index : orderId);
        Document doc = new Document("_id", id).append("source", source).append("platform", platform)
                .append("orderId", orderId).append("cursor", cursor).append("index", index)
                .append("reason", reason).append("at", Date.from(clock.instant()));
        rejects.replaceOne(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true));
    }

    public List<Reject> rejects(String source, int limit) {
        List<Reject> found = new ArrayList<>();
        rejects.find(Filters.eq("source", source)).sort(Sorts.ascending("at")).limit(limit)
                .forEach(d -> found.add(new Reject(d.getString("source"), d.getString("platform"), d.getString("orderId"),
                        d.getString("cursor"), d.getString("reason"), d.getDate("at").toInstant())));
        return found;
    }
}
