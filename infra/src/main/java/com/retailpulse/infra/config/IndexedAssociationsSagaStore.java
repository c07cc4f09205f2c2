package com.retailpulse.infra.config;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A saga store whose association lookups are one read by key (ADR 0028). Axon's MongoDB saga store finds the
 * sagas associated with a value by matching every saga document's association array: fine on a MongoDB with an
 * index on it, but the embedded Mongo-wire server has no such index, and a saga processor asks for every event
 * it handles (each login, order, view of each customer) while the customers waiting in journeys — one saga each,
 * millions at a time with half-hour waits — make that a scan of millions per event.
 * <p>
 * The sagas stay where and as Axon stores them; their associations are also kept as one document per association
 * value, {@code _id} = saga type, key and value, listing the sagas associated with it. Writes keep the index a
 * superset of the truth: an association is listed before the saga is stored, and a saga is deleted before it is
 * taken off its lists. A crash in between leaves a stale id, which the repository drops when the saga does not
 * load; never a saga that an event cannot find. The index is built once from the existing sagas on first start.
 */
final class IndexedAssociationsSagaStore implements SagaStore<Object> {

    private static final Logger log = LoggerFactory.getLogger(IndexedAssociationsSagaStore.class);
    private static final char SEPARATOR = '\u001f';
    /** Marks the index as complete (built from the sagas stored before it existed). */
    private static final String BUILT = "index-built";

    private final SagaStore<Object> sagas;
    private final MongoCollection<Document> associations;
    private final Serializer serializer;

    IndexedAssociationsSagaStore(SagaStore<Object> sagas, MongoCollection<Document> sagaDocuments,
                                 MongoCollection<Document> associations, Serializer serializer) {
        this.sagas = sagas;
        this.associations = associations;
        this.serializer = serializer;
        buildOnce(sagaDocuments);
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
        Document listed = associations.find(Filters.eq("_id", id(typeName(sagaType), associationValue.getKey(),
                associationValue.getValue()))).projection(Projections.include("sagas")).first();
        Set<String> ids = new TreeSet<>();
        if (listed != null) {
            ids.addAll(listed.getList("sagas", String.class));
        }
        return ids;
    }

    @Override
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        return sagas.loadSaga(sagaType, sagaIdentifier);
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga, Set<AssociationValue> associationValues) {
        associationValues.forEach(value -> list(sagaType, sagaIdentifier, value));
        sagas.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga, AssociationValues associationValues) {
        associationValues.addedAssociations().forEach(value -> list(sagaType, sagaIdentifier, value));
        sagas.updateSaga(sagaType, sagaIdentifier, saga, associationValues);
        associationValues.removedAssociations().forEach(value -> unlist(sagaType, sagaIdentifier, value));
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        sagas.deleteSaga(sagaType, sagaIdentifier, associationValues);
        associationValues.forEach(value -> unlist(sagaType, sagaIdentifier, value));
    }

    private void list(Class<?> sagaType, String sagaIdentifier, AssociationValue value) {
        associations.updateOne(Filters.eq("_id", id(typeName(sagaType), value.getKey(), value.getValue())),
                Updates.addToSet("sagas", sagaIdentifier), new UpdateOptions().upsert(true));
    }

    private void unlist(Class<?> sagaType, String sagaIdentifier, AssociationValue value) {
        String id = id(typeName(sagaType), value.getKey(), value.getValue());
        associations.updateOne(Filters.eq("_id", id), Updates.pull("sagas", sagaIdentifier));
        // an association nobody holds any more goes (a waiting customer's id would otherwise stay forever)
        associations.deleteOne(Filters.and(Filters.eq("_id", id), Filters.size("sagas", 0)));
    }

    private String typeName(Class<?> sagaType) {
        return serializer.typeForClass(sagaType).getName();
    }

    static String id(String sagaType, String key, String value) {
        return sagaType + SEPARATOR + key + SEPARATOR + value;
    }

    /** Lists the associations of the sagas stored before this index existed (or while a build was cut short). */
    private void buildOnce(MongoCollection<Document> sagaDocuments) {
        if (associations.find(Filters.eq("_id", BUILT)).first() != null) {
            return;
        }
        long started = System.nanoTime();
        long count = 0;
        for (Document saga : sagaDocuments.find().projection(Projections.include("sagaType", "sagaIdentifier", "associations"))) {
            String type = saga.getString("sagaType");
            String identifier = saga.getString("sagaIdentifier");
            List<Document> values = saga.getList("associations", Document.class, new ArrayList<>());
            for (Document value : values) {
                associations.updateOne(Filters.eq("_id", id(type, value.getString("key"), value.getString("value"))),
                        Updates.addToSet("sagas", identifier), new UpdateOptions().upsert(true));
            }
            count++;
        }
        associations.insertOne(new Document("_id", BUILT).append("sagas", List.of()));
        if (count > 0) {
            log.info("Listed the associations of {} stored sagas in {} ms", count, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
