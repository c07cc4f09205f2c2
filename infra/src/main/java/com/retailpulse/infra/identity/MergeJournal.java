package com.retailpulse.infra.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.MergedCustomer;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Merges and unmerges take several commands on several aggregates; the journal (MongoDB
 * {@code identity_merges}) records each one before its first command, so one interrupted by a crash is
 * finished — with the same merge id, every step being idempotent — before any other starts.
 */
class MergeJournal {

    static final String COLLECTION = "identity_merges";

    enum Kind { MERGE, UNMERGE }

    record Entry(String mergeId, Kind kind, CustomerId survivor, CustomerId absorbed, String reason) {
    }

    private final MongoCollection<Document> merges;

    MergeJournal(MongoDatabase database) {
        this.merges = database.getCollection(COLLECTION);
    }

    void started(Entry entry, Instant at) {
        merges.insertOne(new Document("_id", entry.mergeId())
                .append("kind", entry.kind().name())
                .append("survivor", entry.survivor().value())
                .append("absorbed", entry.absorbed().value())
                .append("reason", entry.reason())
                .append("state", "STARTED")
                .append("startedAt", Date.from(at)));
    }

    void finished(String mergeId, Instant at) {
        merges.updateOne(Filters.eq("_id", mergeId),
                Updates.combine(Updates.set("state", "FINISHED"), Updates.set("finishedAt", Date.from(at))));
    }

    /** The first step was refused: nothing changed, nothing to finish. */
    void abandoned(String mergeId, String why, Instant at) {
        merges.updateOne(Filters.eq("_id", mergeId), Updates.combine(Updates.set("state", "ABANDONED"),
                Updates.set("why", why), Updates.set("finishedAt", Date.from(at))));
    }

    /** An unmerge's first step answered the records that leave: kept to finish the rest after a crash. */
    void leaving(String mergeId, List<MergedCustomer> group) {
        List<Document> members = group.stream().map(m -> new Document("customerId", m.customerId().value())
                .append("identifiers", m.identifiers().stream().map(CustomerIdentifier::key).toList())).toList();
        merges.updateOne(Filters.eq("_id", mergeId), Updates.set("group", members));
    }

    Optional<List<MergedCustomer>> leaving(String mergeId) {
        Document d = merges.find(Filters.eq("_id", mergeId)).first();
        if (d == null || d.getList("group", Document.class) == null) {
            return Optional.empty();
        }
        return Optional.of(d.getList("group", Document.class).stream()
                .map(m -> new MergedCustomer(new CustomerId(m.getString("customerId")),
                        m.getList("identifiers", String.class).stream().map(CustomerIdentifier::parse).toList()))
                .toList());
    }

    List<Entry> unfinished() {
        List<Entry> open = new ArrayList<>();
        for (Document d : merges.find(Filters.eq("state", "STARTED"))) {
            open.add(new Entry(d.getString("_id"), Kind.valueOf(d.getString("kind")),
                    new CustomerId(d.getString("survivor")), new CustomerId(d.getString("absorbed")), d.getString("reason")));
        }
        return open;
    }
}
