package com.retailpulse.infra.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded default's servers: a real Elasticsearch node (child process), a real KRaft Kafka
 * broker (in-process) and a Mongo-wire server (in-process), all on loopback, all under one data
 * directory. Started in parallel-safe order, stopped in reverse.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final Settings settings;
    private final LocalElasticsearch elasticsearch;
    private final LocalKafka kafka;
    private final LocalMongo mongo;
    private final List<LocalService> started = new ArrayList<>();
    private volatile boolean closed;

    /** Where and how the stack runs. {@code elasticsearchHome} is the unpacked distribution. */
    public record Settings(Path dataDir, String host, int elasticsearchPort, int kafkaPort, int mongoPort,
                           String elasticsearchHeap, Path elasticsearchHome) {
    }

    public LocalStack(Settings settings) {
        this.settings = settings;
        Path data = settings.dataDir().toAbsolutePath().normalize();
        this.mongo = new LocalMongo(data.resolve("mongo"), settings.host(), settings.mongoPort());
        this.kafka = new LocalKafka(data.resolve("kafka"), settings.host(), settings.kafkaPort());
        this.elasticsearch = new LocalElasticsearch(settings.elasticsearchHome(), data.resolve("elasticsearch"),
                settings.host(), settings.elasticsearchPort(), settings.elasticsearchHeap());
    }

    /** Starts every server, or none: on failure the ones already up are stopped again. */
    public LocalStack start() {
        long begin = System.nanoTime();
        try {
            Files.createDirectories(settings.dataDir());
            // Elasticsearch takes longest; it starts as a child process while the others come up here.
            Thread es = new Thread(this::startElasticsearch, "local-stack-elasticsearch");
            RuntimeException[] esFailure = new RuntimeException[1];
            es.setUncaughtExceptionHandler((t, e) -> esFailure[0] = e instanceof RuntimeException r ? r
                    : new LocalStackException("Elasticsearch failed to start: " + e, e));
            Ports.requireFree(elasticsearch.name(), settings.host(), settings.elasticsearchPort(), "RETAILPULSE_ELASTICSEARCH_PORT");
            es.start();
            startService(mongo);
            startService(kafka);
            es.join();
            if (esFailure[0] != null) {
                throw esFailure[0];
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new LocalStackException("local stack failed to start: " + e.getMessage(), e);
        }
        log.info("Local stack ready in {} s under {}: Elasticsearch {}, Kafka {}, MongoDB-wire {}",
                String.format("%.1f", Duration.ofNanos(System.nanoTime() - begin).toMillis() / 1000.0),
                settings.dataDir().toAbsolutePath().normalize(), elasticsearch.address(), kafka.address(), mongo.address());
        return this;
    }

    private void startElasticsearch() {
        startService(elasticsearch);
    }

    private void startService(LocalService service) {
        synchronized (started) {
            if (closed) {
                throw new LocalStackException("local stack is closed");
            }
        }
        service.start();
        synchronized (started) {
            started.add(service);
        }
    }

    /** The connection settings that point the application at this stack. */
    public Map<String, Object> connectionProperties() {
        return Map.of(
                // One node: a replica could never be assigned and the index would stay yellow.
                "retailpulse.elasticsearch.replicas", 0,
                "spring.elasticsearch.uris", elasticsearch.address(),
                "spring.data.mongodb.uri", mongo.address(),
                "retailpulse.kafka.bootstrap-servers", kafka.address());
    }

    public LocalElasticsearch elasticsearch() {
        return elasticsearch;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public LocalMongo mongo() {
        return mongo;
    }

    @Override
    public void close() {
        List<LocalService> toStop;
        synchronized (started) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(started);
        }
        // Reverse order; Elasticsearch may be mid-start in its thread, so always try to stop it.
        if (!toStop.contains(elasticsearch)) {
            toStop.add(0, elasticsearch);
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            LocalService service = toStop.get(i);
            try {
                service.close();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", service.name(), e.getMessage());
            }
        }
        log.info("Local stack stopped");
    }
}
