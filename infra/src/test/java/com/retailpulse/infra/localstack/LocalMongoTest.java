package com.retailpulse.infra.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMongoTest {
    @TempDir
    Path dataDir;

    @Test
    void documentsAndIndexesSurviveARestartOnTheSameDataDir() {
        LocalMongo mongo = new LocalMongo(dataDir, "127.0.0.1", Ports.free());
        try (mongo; MongoClient client = MongoClients.create(startAndAddress(mongo))) {
            MongoCollection<Document> stores = client.getDatabase("retailpulse").getCollection("stores");
            stores.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
            stores.insertOne(new Document("code", "S1").append("city", "Lyon"));
        }
        mongo.close();

        try (LocalMongo restarted = new LocalMongo(dataDir, "127.0.0.1", Ports.free());
             MongoClient client = MongoClients.create(startAndAddress(restarted))) {
            MongoCollection<Document> stores = client.getDatabase("retailpulse").getCollection("stores");
            assertThat(stores.find(new Document("code", "S1")).first()).containsEntry("city", "Lyon");
            assertThatThrownBy(() -> stores.insertOne(new Document("code", "S1")))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            assertThat(stores.countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void aTakenPortIsNamedInTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            LocalMongo mongo = new LocalMongo(dataDir, "127.0.0.1", taken.getLocalPort());
            assertThatThrownBy(mongo::start)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()))
                    .hasMessageContaining("RETAILPULSE_MONGO_PORT");
            mongo.close();
        }
    }

    private static String startAndAddress(LocalMongo mongo) {
        mongo.start();
        return mongo.address();
    }
}
