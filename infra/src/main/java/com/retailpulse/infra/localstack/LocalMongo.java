package com.retailpulse.infra.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MongoDB-wire-compatible server (mongo-java-server) whose data lives in one H2 MVStore
 * file, {@code dataDir/mongo.mv}, so it survives restarts.
 */
public final class LocalMongo implements LocalService {
    private static final Logger log = LoggerFactory.getLogger(LocalMongo.class);

    /** Event-loop threads serving the connections (a client pool holds up to 100 connections). */
    private static final int WORKER_THREADS = 16;

    private final Path dataDir;
    private final String host;
    private final int port;
    private H2Backend backend;
    private MongoServer server;

    public LocalMongo(Path dataDir, String host, int port) {
        this.dataDir = dataDir;
        this.host = host;
        this.port = port;
    }

    @Override
    public String name() {
        return "MongoDB-wire server";
    }

    @Override
    public String address() {
        return "mongodb://" + host + ":" + port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        Ports.requireFree(name(), host, port, "RETAILPULSE_MONGO_PORT");
        long started = System.nanoTime();
        Path file = dataDir.resolve("mongo.mv");
        try {
            Files.createDirectories(dataDir);
            backend = new IndexedH2Backend(file.toAbsolutePath().toString());
            server = new MongoServer(backend);
            // Each connection is served on one event-loop thread, and a request is handled on it start to finish:
            // with netty's default of two loops per core, one slow request (a scan) holds up every connection
            // sharing its loop (ADR 0028).
            server.bind(new java.net.InetSocketAddress(host, port), 1, WORKER_THREADS);
            ping();
        } catch (RuntimeException | IOException e) {
            close();
            throw new LocalStackException(name() + " failed to start on " + address() + " (data: " + file + "): " + e, e);
        }
        log.info("{} ready on {} in {} s (data: {})", name(), address(),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9), file);
    }

    private void ping() {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(address()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
        }
    }

    /** Stops the server and closes the H2 store, which flushes it and ends its non-daemon threads. */
    @Override
    public synchronized void close() {
        MongoServer runningServer = server;
        H2Backend runningBackend = backend;
        server = null;
        backend = null;
        if (runningServer != null) {
            runningServer.shutdownNow();
        }
        if (runningBackend != null) {
            runningBackend.close();
        }
    }
}
