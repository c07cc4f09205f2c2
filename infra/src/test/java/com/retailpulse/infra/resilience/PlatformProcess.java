package com.retailpulse.infra.resilience;

import com.retailpulse.infra.RetailPulseApplication;
import com.retailpulse.infra.localstack.LocalStack;
import com.retailpulse.infra.localstack.Ports;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.TestUsers;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform as a separate JVM, so a test can {@code kill -9} it. It uses the test JVM's shared
 * stack for Elasticsearch, Kafka and Mongo, and keeps its own event store under {@code dataDir}.
 */
final class PlatformProcess {

    private final LocalStack stack;
    private final Path dataDir;
    private final String name;
    private final String topic;
    private final int port = Ports.free();
    private Process process;
    private int starts;

    PlatformProcess(LocalStack stack, Path dataDir, String name, String topic) {
        this.stack = stack;
        this.dataDir = dataDir;
        this.name = name;
        this.topic = topic;
    }

    int port() {
        return port;
    }

    String profilesIndex() {
        return "profiles-" + name;
    }

    void start() throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", classpath, RetailPulseApplication.class.getName(),
                "--server.port=" + port,
                "--retailpulse.local-stack.enabled=false",
                "--retailpulse.data-dir=" + dataDir,
                "--spring.elasticsearch.uris=" + stack.elasticsearch().address(),
                "--retailpulse.elasticsearch.replicas=0",
                "--spring.data.mongodb.uri=" + stack.mongo().address(),
                "--spring.data.mongodb.database=" + name,
                "--retailpulse.elasticsearch.profiles-index=" + profilesIndex(),
                "--retailpulse.kafka.bootstrap-servers=" + stack.kafka().address(),
                "--retailpulse.kafka.ingest.group-id=" + name,
                "--retailpulse.kafka.ingest.topic=" + topic,
                // its own clickstream and social topics too: other tests' messages on the shared ones are not this platform's
                "--retailpulse.clickstream.kafka.topic=" + topic + ".clickstream",
                "--retailpulse.social.kafka.topic=" + topic + ".social",
                "--retailpulse.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
                "--retailpulse.security.ingest-key=" + TestUsers.INGEST_KEY));
        Path log = dataDir.resolve("platform-" + (++starts) + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Api api = new Api(port);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("platform exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (api.get("/actuator/health", Api.admin()).status() == 200) {
                    return;
                }
            } catch (AssertionError e) {
                if (!(e.getCause() instanceof ConnectException)) {
                    throw e;
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("platform did not become healthy within 120 s; see " + log);
    }

    /** SIGKILL: no shutdown hooks, no flushing, exactly like a crash. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
