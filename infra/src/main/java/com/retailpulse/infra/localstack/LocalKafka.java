package com.retailpulse.infra.localstack;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (broker and controller in this JVM), from the Maven Central
 * jars. Topics and offsets live under {@code dataDir/logs} and survive restarts.
 */
public final class LocalKafka implements LocalService {
    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final String VERSION = "4.4.0";
    private static final int NODE_ID = 1;
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final String host;
    private final int port;
    private KafkaRaftServer server;

    public LocalKafka(Path dataDir, String host, int port) {
        this.dataDir = dataDir;
        this.host = host;
        this.port = port;
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public String address() {
        return host + ":" + port;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        Ports.requireFree(name(), host, port, "RETAILPULSE_KAFKA_PORT");
        long started = System.nanoTime();
        Path logDir = dataDir.resolve("logs");
        // A fresh controller port each start is fine: with a static single-voter quorum the voter
        // endpoint is read from the config, never from the metadata log.
        try {
            KafkaConfig config = new KafkaConfig(properties(logDir, Ports.free()), false);
            Files.createDirectories(logDir);
            format(config, logDir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitHealthy();
        } catch (Exception e) {
            close();
            throw e instanceof LocalStackException lse ? lse
                    : new LocalStackException("Kafka failed to start on " + address() + " (data: " + dataDir + "): " + e, e);
        }
        log.info("Kafka {} (KRaft) ready on {} in {} s (data: {})", VERSION, address(),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9), dataDir);
    }

    private Properties properties(Path logDir, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Formats the log dir on first start; later starts find meta.properties and keep the cluster id. */
    private void format(KafkaConfig config, Path logDir) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                .run();
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                admin.listTopics().names().get(5, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalStackException("interrupted while waiting for Kafka on " + address(), e);
            } catch (Exception e) {
                last = e;
                sleep(500);
            }
        }
        throw new LocalStackException("Kafka on " + address() + " did not answer within "
                + HEALTH_TIMEOUT.toSeconds() + " s (data: " + dataDir + ")", last);
    }

    /** Creates the topics that do not exist yet, each with replication factor 1. */
    public void createTopics(Map<String, Integer> topicPartitions) {
        List<NewTopic> topics = topicPartitions.entrySet().stream()
                .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1))
                .toList();
        try (Admin admin = admin()) {
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new LocalStackException("cannot create Kafka topic " + created.getKey() + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while creating Kafka topics", e);
        } catch (TimeoutException e) {
            throw new LocalStackException("timed out creating Kafka topics on " + address(), e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for Kafka", e);
        }
    }

    @Override
    public synchronized void close() {
        KafkaRaftServer running = server;
        server = null;
        if (running != null) {
            running.shutdown();
            running.awaitShutdown();
        }
    }
}
