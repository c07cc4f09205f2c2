package com.retailpulse.infra.config.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.concurrent.ExecutionException;

/** Creates the topics a consumer reads or writes before it starts, leaving those that exist alone. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    /** A topic with the cluster's default replication factor (1 on the local broker, 3 on a real cluster). */
    public static NewTopic topic(String name, int partitions) {
        return new NewTopic(name, partitions, (short) -1);
    }

    public static void ensure(Admin admin, List<NewTopic> topics) {
        for (NewTopic topic : topics) {
            try {
                admin.createTopics(List.of(topic)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create Kafka topic " + topic.name() + ": " + e.getCause().getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating Kafka topic " + topic.name(), e);
            }
        }
    }
}
