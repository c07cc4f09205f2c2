package com.retailpulse.infra.ingest.crm;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.retailpulse.infra.ingest.imports.ImportStatus;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Member import jobs and their rejected rows in MongoDB. Rejects never hold the rejected values. */
@Component
class MemberImportStore {

    private final MongoCollection<Document> jobs;
    private final MongoCollection<Document> rejects;

    MemberImportStore(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        MongoDatabase db = client.getDatabase(database);
        this.jobs = db.getCollection("member_imports");
        this.rejects = db.getCollection("member_import_rejects");
        this.rejects.createIndex(Indexes.ascending("importId", "line"));
    }

    /** A row the import could not take: its line and what was wrong, field by field. */
    record Reject(long line, String reason) {
    }

    void save(MemberImportView job, String storedAt, String issuedBy) {
        jobs.replaceOne(Filters.eq("_id", job.importId()), job.toDocument(storedAt, issuedBy), new ReplaceOptions().upsert(true));
    }

    Optional<MemberImportView> find(String importId) {
        return Optional.ofNullable(jobs.find(Filters.eq("_id", importId)).first()).map(MemberImportView::fromDocument);
    }

    /** Imports that were running when the platform stopped, with where their upload is kept. */
    List<Document> running() {
        List<Document> found = new ArrayList<>();
        jobs.find(Filters.eq("status", ImportStatus.RUNNING.name())).forEach(found::add);
        return found;
    }

    void reject(String importId, long line, String reason) {
        Document doc = new Document("_id", importId + ":" + line).append("importId", importId).append("line", line)
                .append("reason", reason);
        rejects.replaceOne(Filters.eq("_id", doc.get("_id")), doc, new ReplaceOptions().upsert(true));
    }

    List<Reject> rejects(String importId, int limit) {
        List<Reject> found = new ArrayList<>();
        rejects.find(Filters.eq("importId", importId)).sort(Sorts.ascending("line")).limit(limit)
                .forEach(d -> found.add(new Reject(d.get("line", Number.class).longValue(), d.getString("reason"))));
        return found;
    }
}
