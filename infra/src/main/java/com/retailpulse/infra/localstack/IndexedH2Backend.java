package com.retailpulse.infra.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The embedded Mongo-wire server's H2 backend with one planner improvement (ADR 0028). mongo-java-server
 * uses a unique index only when a query names exactly that index's keys and nothing else; any query with one
 * more condition ({@code {_id: x, outcome: {$exists: false}}}, or anything the driver writes as
 * {@code $and}) read and matched every document of the collection. Guards like that sit on the journey
 * path (enrollments, journey results, the delivery ledger, tokens), so each collection growing by a document
 * per message made every step slower: the journey latency benchmark saturated below 50 triggers/s.
 * <p>
 * Here a query whose conjunction fixes every key of a unique index with a plain value (a string, number,
 * boolean, id or date, at the top level or inside a top-level {@code $and}) reads the one document that index
 * names and matches the whole query on it: the same result, since every match must carry those values. Any
 * other query runs as before. The data file's layout is the library's own, so existing data opens unchanged.
 * <p>
 * And one cost removed: the library's unique indexes are H2 maps keyed by {@link KeyValue}, which is not
 * {@link Comparable}, so H2 orders those keys by their Java serialization and serialized <em>both</em> keys at
 * every comparison of every lookup and insert — most of the server's CPU under load. Here each key is
 * serialized once and its bytes kept while H2 holds the key ({@link KeyValueOrder}): the same order, the same
 * bytes on disk.
 */
final class IndexedH2Backend extends H2Backend {

    // The map names the library gives a collection's documents and metadata (H2Database, which keeps them private).
    private static final String DATABASES_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    /**
     * The store's page cache, in MB (H2's default is 16). A page that falls out of it is read back from the file
     * and its documents Java-deserialized again: at 16 MB that was 2.5–3 % of the platform JVM's samples in a
     * profile of the journey benchmark at 100 triggers/s (docs/benchmarks.md).
     */
    static final int PAGE_CACHE_MB = 128;

    IndexedH2Backend(String fileName) {
        super(new MVStore.Builder().fileName(fileName).cacheSize(PAGE_CACHE_MB).open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** Inner, so that it can reach the backend's store while H2Database's constructor opens its collections. */
    private final class Database extends H2Database {

        Database(String databaseName, MVStore store, CursorRegistry cursors) {
            super(databaseName, store, cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getDatabaseName() + "." + collectionName;
            MVMap<Object, Document> data = getMvStore().openMap(DATABASES_PREFIX + fullName);
            MVMap<String, Object> meta = getMvStore().openMap(META_PREFIX + fullName);
            return new PlannedCollection(this, collectionName, options, data, meta, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            // Opened first with the cached order; the library's own openMap then returns this map.
            getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueOrder()));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
    }

    /**
     * H2's own key type for the library's index maps (reads and writes are unchanged), ordering two
     * {@link KeyValue}s as H2 does — by the unsigned bytes of their Java serialization — from bytes serialized
     * once per key object rather than at each comparison. The bytes are held by the key's identity, weakly:
     * two equal keys may serialize differently (a document's field order), and H2's order is by the bytes.
     */
    static final class KeyValueOrder extends ObjectDataType {

        private static final Cache<KeyValue, byte[]> SERIALIZED = Caffeine.newBuilder()
                .weakKeys()
                .maximumSize(500_000)
                .build();

        @Override
        public int compare(Object a, Object b) {
            if (a != b && a instanceof KeyValue x && b instanceof KeyValue y) {
                return ObjectDataType.compareNotNull(serialized(x), serialized(y));
            }
            return super.compare(a, b);
        }

        static byte[] serialized(KeyValue key) {
            return SERIALIZED.get(key, ObjectDataType::serialize);
        }
    }

    static final class PlannedCollection extends H2Collection {

        PlannedCollection(MongoDatabase database, String collectionName, CollectionOptions options, MVMap<Object, Document> data,
                    MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, collectionName, options, data, meta, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                             Document fieldSelector) {
            List<Index<Object>> indexes = getIndexes();
            if (indexes.stream().noneMatch(index -> index.canHandle(query))) {
                Optional<Lookup<Object>> lookup = narrowing(query, indexes);
                if (lookup.isPresent()) {
                    return matchDocuments(query, lookup.get().index().getPositions(lookup.get().key()), orderBy, numberToSkip, limit,
                            batchSize, fieldSelector);
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
    }

    /** A unique index and the key to look up in it. */
    record Lookup<P>(Index<P> index, Document key) {
    }

    /**
     * The lookup of a unique index that every document matching {@code query} must satisfy, if the query's
     * conjunction fixes all of some unique index's keys with plain values.
     */
    static <P> Optional<Lookup<P>> narrowing(Document query, List<Index<P>> indexes) {
        Document fixed = new Document();
        collectEqualities(query, fixed);
        if (fixed.isEmpty()) {
            return Optional.empty();
        }
        for (Index<P> index : indexes) {
            if (!index.isUnique() || index.getKeys().isEmpty()) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            index.getKeys().forEach(k -> keys.add(k.getKey()));
            if (fixed.keySet().containsAll(keys)) {
                Document key = new Document();
                keys.forEach(k -> key.put(k, fixed.get(k)));
                if (index.canHandle(key)) {
                    return Optional.of(new Lookup<>(index, key));
                }
            }
        }
        return Optional.empty();
    }

    private static void collectEqualities(Document query, Document fixed) {
        collectEqualities(query, fixed, new HashSet<>());
    }

    private static void collectEqualities(Document query, Document fixed, Set<String> conflicting) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.equals("$and") && value instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document conjunct) {
                        collectEqualities(conjunct, fixed, conflicting);
                    }
                }
            } else if (!field.startsWith("$") && isPlain(value)) {
                // two different values for one field match nothing; such a query is left to the full scan
                if (conflicting.contains(field) || fixed.containsKey(field) && !fixed.get(field).equals(value)) {
                    conflicting.add(field);
                    fixed.remove(field);
                } else {
                    fixed.put(field, value);
                }
            }
        }
    }

    private static boolean isPlain(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof ObjectId
                || value instanceof java.util.Date || value instanceof java.time.Instant || value instanceof UUID;
    }
}
