package com.retailpulse.infra.config;

import com.retailpulse.infra.config.kafka.KafkaTopics;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** One Kafka admin client for the platform; the ingest topics exist before anyone consumes them. */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaSettings settings) {
        Admin admin = Admin.create(settings.clientProperties());
        KafkaTopics.ensure(admin, List.of(KafkaTopics.topic(settings.ingest().topic(), settings.ingest().partitions()),
                KafkaTopics.topic(settings.ingest().deadLetterTopic(), 1)));
        return admin;
    }
}
