package com.retailpulse.infra.support;

import com.retailpulse.infra.localstack.LocalStack;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

/**
 * Points an application context at the shared test stack, with its own event store, Mongo
 * database and profile index, so contexts never see each other's data.
 */
public class TestStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        LocalStack stack = TestStack.get();
        Path appDir = TestStack.newAppDataDir("app");
        String suffix = Long.toString(System.nanoTime(), 36);
        TestPropertyValues.of(
                "retailpulse.data-dir=" + appDir,
                "spring.elasticsearch.uris=" + stack.elasticsearch().address(),
                "retailpulse.elasticsearch.replicas=0",
                "spring.data.mongodb.uri=" + stack.mongo().address(),
                "spring.data.mongodb.database=rp-" + suffix,
                "retailpulse.elasticsearch.profiles-index=profiles-" + suffix,
                "retailpulse.elasticsearch.interactions-index=interactions-" + suffix,
                "retailpulse.kafka.bootstrap-servers=" + stack.kafka().address(),
                "retailpulse.kafka.ingest.group-id=ingest-" + suffix
        ).applyTo(context);
    }
}
