package com.retailpulse.infra.experiments;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.retailpulse.intelligence.experiment.ArmTally;
import com.retailpulse.intelligence.experiment.ExperimentReport;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Experiments and their per-arm tallies (MongoDB {@code experiments}); the report is computed from the
 * tallies on every request, so it always reflects what has been recorded.
 */
@Component
class Experiments {

    /** An experiment as stored: its arms' tallies per metric, and where they came from. */
    record Stored(String key, String name, String control, String primary, Map<String, Map<String, ArmTally>> rates,
                  Map<String, Map<String, ArmTally>> values, String source, long rows, long rejected, String importedBy,
                  Instant importedAt) {

        ExperimentReport report(double confidence, double alpha) {
            return ExperimentReport.of(control, primary, rates, values, confidence, alpha);
        }
    }

    private final MongoCollection<Document> experiments;
    private final Clock clock;

    Experiments(MongoClient mongo, @Value("${spring.data.mongodb.database}") String database, Clock clock) {
        this.experiments = mongo.getDatabase(database).getCollection("experiments");
        this.clock = clock;
    }

    Stored save(String key, String name, String control, String primary, ExperimentResultsFile.Read read, String source,
                String importedBy) {
        Document doc = new Document("_id", key).append("name", name).append("control", control).append("primary", primary)
                .append("rates", tallies(read.rates())).append("values", tallies(read.values())).append("source", source)
                .append("rows", read.rows()).append("rejected", read.rejected()).append("importedBy", importedBy)
                .append("importedAt", Date.from(clock.instant()));
        experiments.replaceOne(Filters.eq("_id", key), doc, new ReplaceOptions().upsert(true));
        return view(doc);
    }

    Optional<Stored> find(String key) {
        return Optional.ofNullable(experiments.find(Filters.eq("_id", key)).first()).map(Experiments::view);
    }

    List<Stored> all() {
        List<Stored> out = new ArrayList<>();
        experiments.find().sort(Sorts.ascending("_id")).forEach(d -> out.add(view(d)));
        return out;
    }

    private static Document tallies(Map<String, Map<String, ArmTally>> byMetric) {
        Document metrics = new Document();
        byMetric.forEach((metric, arms) -> {
            List<Document> list = new ArrayList<>();
            arms.values().forEach(a -> list.add(new Document("arm", a.arm()).append("units", a.units())
                    .append("conversions", a.conversions()).append("valueSum", a.valueSum()).append("valueSquares", a.valueSquares())));
            metrics.append(metric, list);
        });
        return metrics;
    }

    private static Map<String, Map<String, ArmTally>> tallies(Document metrics) {
        Map<String, Map<String, ArmTally>> out = new LinkedHashMap<>();
        metrics.forEach((metric, list) -> {
            Map<String, ArmTally> arms = new LinkedHashMap<>();
            for (Object o : (List<?>) list) {
                Document a = (Document) o;
                arms.put(a.getString("arm"), new ArmTally(a.getString("arm"), ((Number) a.get("units")).longValue(),
                        ((Number) a.get("conversions")).longValue(), ((Number) a.get("valueSum")).doubleValue(),
                        ((Number) a.get("valueSquares")).doubleValue()));
            }
            out.put(metric, arms);
        });
        return out;
    }

    private static Stored view(Document d) {
        return new Stored(d.getString("_id"), d.getString("name"), d.getString("control"), d.getString("primary"),
                tallies(d.get("rates", Document.class)), tallies(d.get("values", Document.class)), d.getString("source"),
                ((Number) d.get("rows")).longValue(), ((Number) d.get("rejected")).longValue(), d.getString("importedBy"),
                d.getDate("importedAt").toInstant());
    }
}
