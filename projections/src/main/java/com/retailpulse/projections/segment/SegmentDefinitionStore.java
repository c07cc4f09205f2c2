package com.retailpulse.projections.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.contracts.segment.SegmentDefinedEvent;
import com.retailpulse.contracts.segment.SegmentRetiredEvent;
import com.retailpulse.projections.profile.Segments;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** MongoDB {@code segment_definitions}: each segment's current version, condition (as JSON) and state. */
public class SegmentDefinitionStore {

    public static final String COLLECTION = "segment_definitions";

    public record StoredDefinition(String key, int version, String name, String description, TagCondition condition,
                                   boolean retired, Instant changedAt) {
    }

    private final MongoCollection<Document> definitions;
    private final ObjectMapper json;

    public SegmentDefinitionStore(MongoDatabase database, ObjectMapper json) {
        this.definitions = database.getCollection(COLLECTION);
        this.json = json;
    }

    void defined(SegmentDefinedEvent event) {
        Document doc = new Document("_id", event.key().value())
                .append("version", event.version())
                .append("name", event.name())
                .append("description", event.description())
                .append("condition", write(event.condition()))
                .append("retired", false)
                .append("changedAt", Date.from(event.definedAt()));
        definitions.replaceOne(Filters.eq("_id", event.key().value()), doc, new ReplaceOptions().upsert(true));
    }

    void retired(SegmentRetiredEvent event) {
        definitions.updateOne(Filters.eq("_id", event.key().value()), new Document("$set",
                new Document("retired", true).append("changedAt", Date.from(event.retiredAt()))));
    }

    void clear() {
        definitions.deleteMany(new Document());
    }

    public List<StoredDefinition> all() {
        List<StoredDefinition> all = new ArrayList<>();
        definitions.find().forEach(d -> all.add(read(d)));
        return all;
    }

    public Optional<StoredDefinition> find(String key) {
        return Optional.ofNullable(definitions.find(Filters.eq("_id", key)).first()).map(this::read);
    }

    /** Fills the in-memory registry at start, before the projection catches up. */
    public void loadInto(Segments segments) {
        all().stream().filter(d -> !d.retired())
                .forEach(d -> segments.define(new Segments.Definition(d.key(), d.version(), d.name(), d.condition())));
    }

    private StoredDefinition read(Document d) {
        try {
            return new StoredDefinition(d.getString("_id"), d.getInteger("version"), d.getString("name"),
                    d.getString("description"), json.readValue(d.getString("condition"), TagCondition.class),
                    d.getBoolean("retired", false), d.getDate("changedAt").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("segment definition " + d.getString("_id") + " cannot be read: " + e.getOriginalMessage(), e);
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
