package com.retailpulse.infra.support;

import com.retailpulse.infra.localstack.LocalStack;
import com.retailpulse.infra.localstack.LocalStackAccess;
import com.retailpulse.infra.localstack.Ports;

import java.nio.file.Path;

/**
 * One real local stack (Elasticsearch, Kafka, Mongo-wire) per test JVM, on free ports, shared by
 * every integration test and stopped when the JVM exits.
 */
public final class TestStack {

    private static LocalStack stack;
    private static Path dataDir;

    private TestStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            dataDir = Path.of("target", "test-stack-" + ProcessHandle.current().pid()).toAbsolutePath();
            LocalStack started = new LocalStack(new LocalStack.Settings(dataDir, "127.0.0.1",
                    Ports.free(), Ports.free(), Ports.free(), "512m",
                    LocalStackAccess.elasticsearchHome()));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-stack-shutdown"));
            started.start();
            stack = started;
        }
        return stack;
    }

    /** A fresh directory for one application's own files (its event store), under the stack's. */
    public static Path newAppDataDir(String name) {
        get();
        return dataDir.resolve("apps").resolve(name + "-" + System.nanoTime());
    }
}
