package com.retailpulse.infra.ingest.imports;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Import jobs, their rejected rows and the customers they touched, in MongoDB. Writes are keyed so
 * a resumed import repeats them harmlessly.
 */
@Component
public class ImportJobStore {

    private final MongoCollection<Document> jobs;
    private final MongoCollection<Document> rejects;
    private final MongoCollection<Document> customers;

    public ImportJobStore(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        MongoDatabase db = client.getDatabase(database);
        this.jobs = db.getCollection("imports");
        this.rejects = db.getCollection("import_rejects");
        this.customers = db.getCollection("import_customers");
    }

    /** A row the import could not take, with the file, line and reason. */
    public record Reject(long line, String invoice, String reason) {
    }

    void save(ImportJob job) {
        jobs.replaceOne(Filters.eq("_id", job.importId()), job.toDocument(), new ReplaceOptions().upsert(true));
    }

    Optional<ImportJob> find(String importId) {
        return Optional.ofNullable(jobs.find(Filters.eq("_id", importId)).first()).map(ImportJob::fromDocument);
    }

    List<ImportJob> running() {
        List<ImportJob> found = new ArrayList<>();
        jobs.find(Filters.eq("status", ImportStatus.RUNNING.name())).forEach(d -> found.add(ImportJob.fromDocument(d)));
        return found;
    }

    void reject(String importId, String file, long line, String invoice, String reason) {
        Document doc = new Document("_id", importId + ":" + line).append("importId", importId).append("file", file)
                .append("line", line).append("invoice", invoice).append("reason", reason).append("at", Date.from(Instant.now()));
        rejects.replaceOne(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true));
    }

    long rejectedRows(String importId) {
        return rejects.countDocuments(Filters.eq("importId", importId));
    }

    List<Reject> rejects(String importId, int limit) {
        List<Reject> found = new ArrayList<>();
        rejects.find(Filters.eq("importId", importId)).sort(Sorts.ascending("line")).limit(limit)
                .forEach(d -> found.add(new Reject(d.getLong("line"), d.getString("invoice"), d.getString("reason"))));
        return found;
    }

    void customerSeen(String importId, String customerId) {
        try {
            customers.insertOne(new Document("_id", importId + ":" + customerId).append("importId", importId));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    long customersSeen(String importId) {
        return customers.countDocuments(Filters.eq("importId", importId));
    }
}
