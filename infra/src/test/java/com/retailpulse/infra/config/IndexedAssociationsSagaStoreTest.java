package com.retailpulse.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.retailpulse.infra.localstack.LocalMongo;
import com.retailpulse.infra.localstack.Ports;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Association lookups by key, kept in step with the sagas, and built once from the sagas stored before. */
class IndexedAssociationsSagaStoreTest {

    /** A saga as the store sees it: any serializable object. */
    public static class Waiting {
        public String step = "wait";
    }

    private static final AssociationValue CUSTOMER = new AssociationValue("customerId", "c-1");
    private static final AssociationValue ENROLLMENT = new AssociationValue("enrollmentId", "e-1");
    private static final AssociationValue JOURNEY = new AssociationValue("journey", "welcome");

    @TempDir
    Path dataDir;
    private LocalMongo mongo;
    private MongoClient client;
    private MongoTemplate template;
    private MongoCollection<Document> associations;
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @BeforeEach
    void start() {
        mongo = new LocalMongo(dataDir, "127.0.0.1", Ports.free());
        mongo.start();
        client = MongoClients.create(mongo.address());
        template = DefaultMongoTemplate.builder().mongoDatabase(client, "sagas-test").build();
        associations = client.getDatabase("sagas-test").getCollection("saga_associations");
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    private MongoSagaStore axonStore() {
        return MongoSagaStore.builder().mongoTemplate(template).serializer(serializer).build();
    }

    private IndexedAssociationsSagaStore store() {
        return new IndexedAssociationsSagaStore(axonStore(), template.sagaCollection(), associations, serializer);
    }

    @Test
    void findsTheSagasOfAValueAsTheyAreStartedChangedAndEnded() {
        IndexedAssociationsSagaStore store = store();
        assertThat(store.findSagas(Waiting.class, CUSTOMER)).isEmpty();

        store.insertSaga(Waiting.class, "s-1", new Waiting(), Set.of(CUSTOMER, ENROLLMENT));
        store.insertSaga(Waiting.class, "s-2", new Waiting(), Set.of(CUSTOMER));
        assertThat(store.findSagas(Waiting.class, CUSTOMER)).containsExactly("s-1", "s-2");
        assertThat(store.findSagas(Waiting.class, ENROLLMENT)).containsExactly("s-1");
        assertThat(store.findSagas(Object.class, CUSTOMER)).as("another saga type's associations are its own").isEmpty();

        AssociationValuesImpl values = new AssociationValuesImpl(Set.of(CUSTOMER, ENROLLMENT));
        values.commit();
        values.add(JOURNEY);
        values.remove(ENROLLMENT);
        store.updateSaga(Waiting.class, "s-1", new Waiting(), values);
        assertThat(store.findSagas(Waiting.class, JOURNEY)).containsExactly("s-1");
        assertThat(store.findSagas(Waiting.class, ENROLLMENT)).isEmpty();
        assertThat(axonStore().findSagas(Waiting.class, JOURNEY)).as("Axon's own store agrees").containsExactly("s-1");

        store.deleteSaga(Waiting.class, "s-1", Set.of(CUSTOMER, JOURNEY));
        assertThat(store.findSagas(Waiting.class, CUSTOMER)).containsExactly("s-2");
        assertThat(store.findSagas(Waiting.class, JOURNEY)).isEmpty();
        store.deleteSaga(Waiting.class, "s-2", Set.of(CUSTOMER));
        assertThat(associations.countDocuments()).as("only the built marker is left: no empty lists pile up").isEqualTo(1);
        assertThat(store.loadSaga(Waiting.class, "s-1")).isNull();
    }

    @Test
    void listsTheAssociationsOfSagasStoredBeforeItOnce() {
        axonStore().insertSaga(Waiting.class, "old-1", new Waiting(), Set.of(CUSTOMER, ENROLLMENT));
        axonStore().insertSaga(Waiting.class, "old-2", new Waiting(), Set.of(CUSTOMER));

        IndexedAssociationsSagaStore store = store();
        assertThat(store.findSagas(Waiting.class, CUSTOMER)).containsExactly("old-1", "old-2");
        assertThat(store.findSagas(Waiting.class, ENROLLMENT)).containsExactly("old-1");
        assertThat(store.loadSaga(Waiting.class, "old-1").saga().step).isEqualTo("wait");

        // built once: a saga stored past this store afterwards is not listed by a restart
        axonStore().insertSaga(Waiting.class, "bypass", new Waiting(), Set.of(JOURNEY));
        assertThat(store().findSagas(Waiting.class, JOURNEY)).isEmpty();
    }
}
