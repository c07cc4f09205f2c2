package com.retailpulse.infra.config;

import com.retailpulse.infra.ingest.order.OrderTopicConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.concurrent.ExecutionException;

/** One Kafka admin client for the platform; the ingest topics exist before anyone consumes them. */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaSettings settings,
                     @Value("${retailpulse.kafka.ingest.partitions:4}") int partitions) throws InterruptedException {
        Admin admin = Admin.create(settings.clientProperties());
        // Partitions are keyed by customer identifier, so one customer's orders stay in order.
        List<NewTopic> topics = List.of(
                new NewTopic(OrderTopicConsumer.TOPIC, partitions, (short) -1),
                new NewTopic(OrderTopicConsumer.DLQ_TOPIC, 1, (short) -1));
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
