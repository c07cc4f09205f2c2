package com.retailpulse.infra.localstack;

import org.springframework.boot.system.ApplicationHome;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the local stack before any bean is created (but after logging is set up, so its start-up
 * is visible), when {@code retailpulse.local-stack.enabled} is true, and points the connection
 * settings at it.
 * It is stopped last on shutdown by {@link LocalStackLifecycle}, and by a JVM hook if start-up fails,
 * so no Elasticsearch child process outlives the platform.
 */
public class LocalStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String ELASTICSEARCH_DIST = "elasticsearch/elasticsearch-8.19.21";
    private static volatile LocalStack running;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.getProperty("retailpulse.local-stack.enabled", Boolean.class, false) || running != null) {
            return;
        }
        String host = env.getProperty("retailpulse.local-stack.host", "127.0.0.1");
        LocalStack.Settings settings = new LocalStack.Settings(
                Path.of(env.getRequiredProperty("retailpulse.data-dir")),
                host,
                env.getRequiredProperty("retailpulse.local-stack.elasticsearch-port", Integer.class),
                env.getRequiredProperty("retailpulse.local-stack.kafka-port", Integer.class),
                env.getRequiredProperty("retailpulse.local-stack.mongo-port", Integer.class),
                env.getProperty("retailpulse.local-stack.elasticsearch-heap", "1g"),
                elasticsearchHome(env.getProperty("retailpulse.local-stack.elasticsearch-home")));
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        stack.start();
        running = stack;
        env.getPropertySources().addFirst(new MapPropertySource("retailpulse-local-stack", stack.connectionProperties()));
    }

    static LocalStack running() {
        return running;
    }

    static void stopped() {
        running = null;
    }

    /**
     * The build unpacks the distribution into infra/target/elasticsearch, beside the application jar;
     * when run from the checkout root or from infra/, look there too.
     */
    static Path elasticsearchHome(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path besideJar = new ApplicationHome(LocalStackInitializer.class).getDir().toPath();
        for (Path candidate : new Path[] {
                besideJar.resolve(ELASTICSEARCH_DIST),
                besideJar.resolveSibling(ELASTICSEARCH_DIST),
                Path.of("infra/target").resolve(ELASTICSEARCH_DIST),
                Path.of("target").resolve(ELASTICSEARCH_DIST)}) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return besideJar.resolve(ELASTICSEARCH_DIST);
    }
}
