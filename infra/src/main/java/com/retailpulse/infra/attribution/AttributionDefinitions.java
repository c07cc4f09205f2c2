package com.retailpulse.infra.attribution;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.retailpulse.infra.web.InvalidRequestException;
import com.retailpulse.intelligence.attribution.AttributionModel;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Attribution definitions in MongoDB ({@code attribution_definitions}), one document per version: saving
 * different rules under a key adds the next version; saving the same rules again answers the latest.
 */
@Component
class AttributionDefinitions {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Duration MAX_WINDOW = Duration.ofDays(365);

    /** What a user sends; every field but {@code models} has a default. */
    record Request(String name, List<String> models, String window, String halfLife, Double firstShare, Double lastShare,
                   String touch, String groupBy) {
    }

    private final MongoCollection<Document> definitions;
    private final Clock clock;

    AttributionDefinitions(MongoClient mongo, @Value("${spring.data.mongodb.database}") String database, Clock clock) {
        this.definitions = mongo.getDatabase(database).getCollection("attribution_definitions");
        this.definitions.createIndex(Indexes.ascending("key", "version"), new IndexOptions().unique(true));
        this.clock = clock;
    }

    /** Stores the rules as the key's next version (or answers the latest when they are the same). */
    AttributionDefinition save(String key, Request request, String user) {
        AttributionDefinition draft = validate(key, request, user);
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<AttributionDefinition> latest = latest(key);
            if (latest.isPresent() && latest.get().sameRules(draft)) {
                return latest.get();
            }
            int version = latest.map(d -> d.version() + 1).orElse(1);
            AttributionDefinition stored = new AttributionDefinition(key, version, draft.name(), draft.models(), draft.window(),
                    draft.halfLife(), draft.firstShare(), draft.lastShare(), draft.touch(), draft.groupBy(), user, clock.instant());
            try {
                definitions.insertOne(document(stored));
                return stored;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // someone saved a version at the same moment: read again
            }
        }
        throw new IllegalStateException("could not store a new version of attribution definition '" + key + "'");
    }

    Optional<AttributionDefinition> latest(String key) {
        return Optional.ofNullable(definitions.find(Filters.eq("key", key)).sort(Sorts.descending("version")).first())
                .map(AttributionDefinitions::view);
    }

    Optional<AttributionDefinition> version(String key, int version) {
        return Optional.ofNullable(definitions.find(Filters.and(Filters.eq("key", key), Filters.eq("version", version))).first())
                .map(AttributionDefinitions::view);
    }

    List<AttributionDefinition> versions(String key) {
        return definitions.find(Filters.eq("key", key)).sort(Sorts.ascending("version")).map(AttributionDefinitions::view)
                .into(new ArrayList<>());
    }

    /** The latest version of every definition, by key. */
    List<AttributionDefinition> all() {
        Map<String, AttributionDefinition> latest = new LinkedHashMap<>();
        definitions.find().sort(Sorts.ascending("key", "version"))
                .forEach(d -> latest.put(d.getString("key"), view(d)));
        return List.copyOf(latest.values());
    }

    private AttributionDefinition validate(String key, Request r, String user) {
        List<String> errors = new ArrayList<>();
        if (key == null || !KEY.matcher(key).matches()) {
            errors.add("key: 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit; got '" + key + "'");
        }
        if (r == null) {
            throw new InvalidRequestException("Invalid attribution definition", List.of("body: an attribution definition is required"));
        }
        List<String> models = r.models() == null ? List.of() : r.models();
        if (models.isEmpty()) {
            errors.add("models: name at least one of " + known());
        }
        for (int i = 0; i < models.size(); i++) {
            try {
                AttributionModel.of(models.get(i));
            } catch (IllegalArgumentException e) {
                errors.add("models[" + i + "]: " + e.getMessage());
            }
        }
        if (models.stream().distinct().count() < models.size()) {
            errors.add("models: each model once");
        }
        Duration window = duration("window", r.window(), Duration.ofDays(7), errors);
        Duration halfLife = duration("halfLife", r.halfLife(), Duration.ofDays(1), errors);
        if (window != null && window.compareTo(MAX_WINDOW) > 0) {
            errors.add("window: at most " + MAX_WINDOW.toDays() + " days, got " + r.window());
        }
        double first = r.firstShare() == null ? 0.4 : r.firstShare();
        double last = r.lastShare() == null ? 0.4 : r.lastShare();
        if (!(first >= 0 && last >= 0 && first + last <= 1)) {
            errors.add("firstShare, lastShare: position-based shares must be at least 0 and add up to at most 1, got "
                    + first + " and " + last);
        }
        String touch = r.touch() == null ? "delivered" : r.touch();
        if (!AttributionDefinition.TOUCHES.contains(touch)) {
            errors.add("touch: one of " + AttributionDefinition.TOUCHES + ", got '" + touch + "'");
        }
        String groupBy = r.groupBy() == null ? "channel" : r.groupBy();
        if (!AttributionDefinition.GROUPS.contains(groupBy)) {
            errors.add("groupBy: one of " + AttributionDefinition.GROUPS + ", got '" + groupBy + "'");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid attribution definition", errors);
        }
        String name = r.name() == null || r.name().isBlank() ? key : r.name().trim();
        return new AttributionDefinition(key, 0, name, models, window, halfLife, first, last, touch, groupBy, user, null);
    }

    private static Duration duration(String field, String text, Duration otherwise, List<String> errors) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            Duration d = Duration.parse(text.trim());
            if (d.isNegative() || d.isZero()) {
                errors.add(field + ": must be a positive duration, got " + text);
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            errors.add(field + ": an ISO-8601 duration such as P7D or PT12H, got '" + text + "'");
            return null;
        }
    }

    private static String known() {
        return java.util.Arrays.stream(AttributionModel.values()).map(AttributionModel::key).toList().toString();
    }

    private static Document document(AttributionDefinition d) {
        return new Document("_id", d.key() + ":" + d.version()).append("key", d.key()).append("version", d.version())
                .append("name", d.name()).append("models", d.models()).append("window", d.window().toString())
                .append("halfLife", d.halfLife().toString()).append("firstShare", d.firstShare()).append("lastShare", d.lastShare())
                .append("touch", d.touch()).append("groupBy", d.groupBy()).append("createdBy", d.createdBy())
                .append("createdAt", Date.from(d.createdAt()));
    }

    private static AttributionDefinition view(Document d) {
        return new AttributionDefinition(d.getString("key"), d.getInteger("version"), d.getString("name"),
                d.getList("models", String.class), Duration.parse(d.getString("window")), Duration.parse(d.getString("halfLife")),
                d.getDouble("firstShare"), d.getDouble("lastShare"), d.getString("touch"), d.getString("groupBy"),
                d.getString("createdBy"), d.getDate("createdAt").toInstant());
    }
}
