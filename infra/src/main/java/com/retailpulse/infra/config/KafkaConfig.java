package com.retailpulse.infra.config;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.concurrent.ExecutionException;

/** One Kafka admin client for the platform; the ingest topics exist before anyone consumes them. */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaSettings settings) throws InterruptedException {
        Admin admin = Admin.create(settings.clientProperties());
        // Replication factor -1: the cluster's default (1 on the local broker, 3 on a real cluster).
        List<NewTopic> topics = List.of(
                new NewTopic(settings.ingest().topic(), settings.ingest().partitions(), (short) -1),
                new NewTopic(settings.ingest().deadLetterTopic(), 1, (short) -1));
        for (NewTopic topic : topics) {
            try {
                admin.createTopics(List.of(topic)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create Kafka topic " + topic.name() + ": " + e.getCause().getMessage(), e);
                }
            }
        }
        return admin;
    }
}
