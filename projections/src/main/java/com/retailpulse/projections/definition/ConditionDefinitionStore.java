package com.retailpulse.projections.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.retailpulse.contracts.tag.TagCondition;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Definitions declared as condition trees (scenario tags, segments), one MongoDB document each: the
 * current version, name, description, condition (as JSON) and whether it is retired. Their history is
 * the definition aggregate's events; this is what the API lists.
 */
public abstract class ConditionDefinitionStore {

    public record StoredDefinition(String key, int version, String name, String description, TagCondition condition,
                                   boolean retired, Instant changedAt) {
    }

    private final MongoCollection<Document> definitions;
    private final ObjectMapper json;
    private final String kind;

    protected ConditionDefinitionStore(MongoDatabase database, String collection, String kind, ObjectMapper json) {
        this.definitions = database.getCollection(collection);
        this.kind = kind;
        this.json = json;
    }

    protected void defined(String key, int version, String name, String description, TagCondition condition, Instant at) {
        Document doc = new Document("_id", key)
                .append("version", version)
                .append("name", name)
                .append("description", description)
                .append("condition", write(condition))
                .append("retired", false)
                .append("changedAt", Date.from(at));
        definitions.replaceOne(Filters.eq("_id", key), doc, new ReplaceOptions().upsert(true));
    }

    protected void retired(String key, Instant at) {
        definitions.updateOne(Filters.eq("_id", key), new Document("$set",
                new Document("retired", true).append("changedAt", Date.from(at))));
    }

    protected void clear() {
        definitions.deleteMany(new Document());
    }

    public List<StoredDefinition> all() {
        List<StoredDefinition> all = new ArrayList<>();
        definitions.find().forEach(d -> all.add(read(d)));
        return all;
    }

    public List<StoredDefinition> inForce() {
        return all().stream().filter(d -> !d.retired()).toList();
    }

    public Optional<StoredDefinition> find(String key) {
        return Optional.ofNullable(definitions.find(Filters.eq("_id", key)).first()).map(this::read);
    }

    private StoredDefinition read(Document d) {
        try {
            return new StoredDefinition(d.getString("_id"), d.getInteger("version"), d.getString("name"),
                    d.getString("description"), json.readValue(d.getString("condition"), TagCondition.class),
                    d.getBoolean("retired", false), d.getDate("changedAt").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(kind + " definition " + d.getString("_id") + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private String write(TagCondition condition) {
        try {
            return json.writeValueAsString(condition);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("condition cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
