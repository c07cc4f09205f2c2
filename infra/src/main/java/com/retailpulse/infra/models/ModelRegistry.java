package com.retailpulse.infra.models;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every trained model version (MongoDB {@code model_registry}): what data it saw (window, cutoff), how it
 * measured against its baseline, whether it passed its gate and why, who trained it — and the model
 * itself. Versions count up per model name; the newest promoted version is the one in service.
 */
@Component
public class ModelRegistry {

    /** A version as the API shows it (without the model bytes). */
    public record Version(String name, int version, String algorithm, Instant trainedAt, String trainedBy, Instant dataFrom,
                          Instant dataTo, Instant cutoff, long trainingRows, Map<String, Double> metrics,
                          Map<String, Double> baseline, boolean promoted, List<String> reasons, long bytes) {
    }

    private final MongoCollection<Document> versions;

    ModelRegistry(MongoClient mongo, @Value("${spring.data.mongodb.database}") String database) {
        this.versions = mongo.getDatabase(database).getCollection("model_registry");
    }

    /** Records a trained version; answers it with its number. */
    public synchronized Version register(Version v, byte[] model) {
        Document last = versions.find(Filters.eq("name", v.name())).sort(Sorts.descending("version"))
                .projection(Projections.include("version")).first();
        int number = last == null ? 1 : last.getInteger("version") + 1;
        Document doc = new Document("_id", v.name() + ":" + number)
                .append("name", v.name()).append("version", number).append("algorithm", v.algorithm())
                .append("trainedAt", Date.from(v.trainedAt())).append("trainedBy", v.trainedBy())
                .append("dataFrom", v.dataFrom() == null ? null : Date.from(v.dataFrom()))
                .append("dataTo", v.dataTo() == null ? null : Date.from(v.dataTo()))
                .append("cutoff", Date.from(v.cutoff())).append("trainingRows", v.trainingRows())
                .append("metrics", new Document(new LinkedHashMap<>(v.metrics())))
                .append("baseline", new Document(new LinkedHashMap<>(v.baseline())))
                .append("promoted", v.promoted()).append("reasons", v.reasons())
                .append("bytes", (long) model.length).append("model", new Binary(model));
        versions.insertOne(doc);
        return view(doc);
    }

    public List<Version> versions(String name) {
        List<Version> all = new ArrayList<>();
        versions.find(Filters.eq("name", name)).projection(Projections.exclude("model"))
                .sort(Sorts.ascending("version")).forEach(d -> all.add(view(d)));
        return all;
    }

    /** The version in service: the newest promoted one, with its model. */
    public Optional<Map.Entry<Version, byte[]>> inService(String name) {
        Document d = versions.find(Filters.and(Filters.eq("name", name), Filters.eq("promoted", true)))
                .sort(Sorts.descending("version")).first();
        return d == null ? Optional.empty() : Optional.of(Map.entry(view(d), d.get("model", Binary.class).getData()));
    }

    private static Version view(Document d) {
        return new Version(d.getString("name"), d.getInteger("version"), d.getString("algorithm"),
                d.getDate("trainedAt").toInstant(), d.getString("trainedBy"),
                d.getDate("dataFrom") == null ? null : d.getDate("dataFrom").toInstant(),
                d.getDate("dataTo") == null ? null : d.getDate("dataTo").toInstant(),
                d.getDate("cutoff").toInstant(), ((Number) d.get("trainingRows")).longValue(),
                numbers(d.get("metrics", Document.class)), numbers(d.get("baseline", Document.class)),
                d.getBoolean("promoted", false), d.getList("reasons", String.class), ((Number) d.get("bytes")).longValue());
    }

    private static Map<String, Double> numbers(Document d) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (d != null) {
            d.forEach((k, v) -> out.put(k, ((Number) v).doubleValue()));
        }
        return out;
    }
}
