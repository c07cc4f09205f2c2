package com.retailpulse.infra.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server answers queries that add conditions to a unique index's keys from that index (ADR 0028):
 * the same answers as a scan, found by reading one document.
 */
class IndexedH2BackendTest {
    @TempDir
    Path dataDir;

    @Test
    void guardsOnTopOfAnIdAnswerAsAScanWould() {
        withServer(new IndexedH2Backend(dataDir.resolve("a.mv").toString()), collection -> {
            collection.insertMany(List.of(new Document("_id", "e1").append("journey", "j"),
                    new Document("_id", "e2").append("journey", "j").append("outcome", "goal")));
            Bson open = Filters.and(Filters.eq("_id", "e1"), Filters.exists("outcome", false));

            assertThat(ids(collection, open)).containsExactly("e1");
            assertThat(ids(collection, Filters.and(Filters.eq("_id", "e2"), Filters.exists("outcome", false)))).isEmpty();
            // the guard of "end an enrollment once": the first update ends it, the second finds nothing to end
            assertThat(collection.updateOne(open, Updates.set("outcome", "exit")).getModifiedCount()).isEqualTo(1);
            assertThat(collection.updateOne(open, Updates.set("outcome", "again")).getModifiedCount()).isZero();
            assertThat(collection.find(Filters.eq("_id", "e1")).first()).containsEntry("outcome", "exit");
            // an id the index does not know: nothing, and an upsert under a guard inserts it
            assertThat(ids(collection, Filters.and(Filters.eq("_id", "e3"), Filters.eq("journey", "j")))).isEmpty();
            collection.updateOne(Filters.and(Filters.eq("_id", "e3"), Filters.exists("outcome", false)), Updates.set("journey", "k"),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
            assertThat(collection.find(Filters.eq("_id", "e3")).first()).containsEntry("journey", "k");
            // two different ids in one conjunction match nothing
            assertThat(ids(collection, new Document("$and", List.of(new Document("_id", "e1"), new Document("_id", "e2"))))).isEmpty();
            // deletes go the same way
            assertThat(collection.deleteOne(Filters.and(Filters.eq("_id", "e2"), Filters.eq("outcome", "goal"))).getDeletedCount())
                    .isEqualTo(1);
            assertThat(ids(collection, new Document())).containsExactly("e1", "e3");
        });
    }

    @Test
    void aCompoundUniqueIndexServesAClaimWithConditionsOnItsOwner() {
        withServer(new IndexedH2Backend(dataDir.resolve("b.mv").toString()), collection -> {
            collection.createIndex(Indexes.ascending("processorName", "segment"), new IndexOptions().unique(true));
            for (int segment = 0; segment < 3; segment++) {
                collection.insertOne(new Document("processorName", "p").append("segment", segment).append("owner", "node-" + segment));
            }
            Bson claim = Filters.and(Filters.eq("processorName", "p"), Filters.eq("segment", 1),
                    Filters.or(Filters.eq("owner", "node-1"), Filters.eq("owner", null)));

            assertThat(collection.updateOne(claim, Updates.set("token", 42)).getModifiedCount()).isEqualTo(1);
            assertThat(collection.updateOne(Filters.and(Filters.eq("processorName", "p"), Filters.eq("segment", 1),
                    Filters.eq("owner", "node-2")), Updates.set("token", 43)).getModifiedCount()).isZero();
            assertThat(collection.find(Filters.and(Filters.eq("processorName", "p"), Filters.eq("segment", 1))).first())
                    .containsEntry("token", 42);
        });
    }

    @Test
    void narrowsOnlyWhenEveryKeyOfAUniqueIndexIsFixedByAPlainValue() {
        H2Backend backend = new IndexedH2Backend(dataDir.resolve("c.mv").toString());
        try {
            var collection = backend.resolveDatabase("db").createCollectionOrThrowIfExists("c",
                    de.bwaldvogel.mongo.backend.CollectionOptions.withDefaults());
            @SuppressWarnings("unchecked")
            var indexes = (List<de.bwaldvogel.mongo.backend.Index<Object>>) (List<?>) collection.getIndexes();
            de.bwaldvogel.mongo.bson.Document guarded = new de.bwaldvogel.mongo.bson.Document("_id", "x")
                    .append("outcome", new de.bwaldvogel.mongo.bson.Document("$exists", false));
            assertThat(IndexedH2Backend.narrowing(guarded, indexes).map(IndexedH2Backend.Lookup::key))
                    .contains(new de.bwaldvogel.mongo.bson.Document("_id", "x"));
            de.bwaldvogel.mongo.bson.Document nested = new de.bwaldvogel.mongo.bson.Document("$and", List.of(
                    new de.bwaldvogel.mongo.bson.Document("waits", new de.bwaldvogel.mongo.bson.Document("$lt", 3)),
                    new de.bwaldvogel.mongo.bson.Document("_id", 7L)));
            assertThat(IndexedH2Backend.narrowing(nested, indexes).map(IndexedH2Backend.Lookup::key))
                    .contains(new de.bwaldvogel.mongo.bson.Document("_id", 7L));
            // a range, an operator document and a disjunction fix nothing
            assertThat(IndexedH2Backend.narrowing(new de.bwaldvogel.mongo.bson.Document("_id",
                    new de.bwaldvogel.mongo.bson.Document("$gt", "a")), indexes)).isEmpty();
            assertThat(IndexedH2Backend.narrowing(new de.bwaldvogel.mongo.bson.Document("$or", List.of(
                    new de.bwaldvogel.mongo.bson.Document("_id", "a"), new de.bwaldvogel.mongo.bson.Document("_id", "b"))), indexes))
                    .isEmpty();
            assertThat(IndexedH2Backend.narrowing(new de.bwaldvogel.mongo.bson.Document("journey", "j"), indexes)).isEmpty();
        } finally {
            backend.close();
        }
    }

    @Test
    void readsAndWritesTheLibrarysOwnFileLayout() {
        String file = dataDir.resolve("d.mv").toString();
        withServer(new H2Backend(file), collection -> {
            collection.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
            collection.insertOne(new Document("_id", 1).append("code", "S1"));
        });
        withServer(new IndexedH2Backend(file), collection -> {
            assertThat(ids(collection, Filters.and(Filters.eq("code", "S1"), Filters.exists("closed", false)))).containsExactly(1);
            collection.insertOne(new Document("_id", 2).append("code", "S2"));
        });
        withServer(new H2Backend(file), collection ->
                assertThat(ids(collection, new Document())).containsExactly(1, 2));
    }

    @Test
    void ordersIndexKeysExactlyAsTheLibraryDoes() {
        // H2's own order: by each key's serialized bytes (KeyValue is not Comparable)
        org.h2.mvstore.type.ObjectDataType library = new org.h2.mvstore.type.ObjectDataType();
        IndexedH2Backend.KeyValueOrder cached = new IndexedH2Backend.KeyValueOrder();
        List<de.bwaldvogel.mongo.backend.KeyValue> keys = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 300; i++) {
            keys.add(switch (i % 5) {
                case 0 -> new de.bwaldvogel.mongo.backend.KeyValue("customer-" + random.nextInt(1000));
                case 1 -> new de.bwaldvogel.mongo.backend.KeyValue(random.nextInt(), "segment-" + i);
                case 2 -> new de.bwaldvogel.mongo.backend.KeyValue(random.nextDouble() * 1e6);
                case 3 -> new de.bwaldvogel.mongo.backend.KeyValue(new de.bwaldvogel.mongo.bson.ObjectId());
                // equal documents whose fields come in another order serialize differently
                default -> new de.bwaldvogel.mongo.backend.KeyValue(i % 2 == 0
                        ? new de.bwaldvogel.mongo.bson.Document("a", 1).append("b", i)
                        : new de.bwaldvogel.mongo.bson.Document("b", i - 1).append("a", 1));
            });
        }
        List<de.bwaldvogel.mongo.backend.KeyValue> byLibrary = new ArrayList<>(keys);
        byLibrary.sort(library::compare);
        List<de.bwaldvogel.mongo.backend.KeyValue> byCached = new ArrayList<>(keys);
        byCached.sort(cached::compare);
        assertThat(byCached).containsExactlyElementsOf(byLibrary);
        for (int i = 0; i < keys.size(); i++) {
            for (int j = 0; j < keys.size(); j += 7) {
                assertThat(Integer.signum(cached.compare(keys.get(i), keys.get(j))))
                        .isEqualTo(Integer.signum(library.compare(keys.get(i), keys.get(j))));
            }
        }
    }

    @Test
    void aLargeUniqueIndexWrittenByEitherBackendIsFoundByTheOther() {
        String file = dataDir.resolve("e.mv").toString();
        int n = 3_000;
        withServer(new H2Backend(file), collection -> {
            collection.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(new Document("_id", "d" + i).append("code", "S" + (i * 7919 % n)));
            }
            collection.insertMany(batch);
        });
        withServer(new IndexedH2Backend(file), collection -> {
            for (int i = 0; i < n; i += 13) {
                assertThat(collection.find(Filters.eq("code", "S" + i)).first()).as("code S%d", i).isNotNull();
            }
            assertThat(collection.find(Filters.eq("code", "S" + n)).first()).isNull();
            // the index still refuses a duplicate, and takes new keys in the library's order
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> collection.insertOne(new Document("_id", "dup").append("code", "S5")))
                    .isInstanceOf(com.mongodb.MongoWriteException.class);
            for (int i = n; i < n + 500; i++) {
                collection.insertOne(new Document("_id", "d" + i).append("code", "S" + i));
            }
        });
        withServer(new H2Backend(file), collection -> {
            for (int i = 0; i < n + 500; i += 11) {
                assertThat(collection.find(Filters.eq("code", "S" + i)).first()).as("code S%d", i).isNotNull();
            }
            assertThat(collection.countDocuments()).isEqualTo(n + 500);
        });
    }

    private static List<Object> ids(MongoCollection<Document> collection, Bson filter) {
        List<Object> ids = new ArrayList<>();
        collection.find(filter).forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    private static void withServer(H2Backend backend, java.util.function.Consumer<MongoCollection<Document>> body) {
        MongoServer server = new MongoServer(backend);
        int port = Ports.free();
        server.bind(new InetSocketAddress("127.0.0.1", port));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            body.accept(client.getDatabase("db").getCollection("c"));
        } finally {
            server.shutdownNow();
        }
    }
}
