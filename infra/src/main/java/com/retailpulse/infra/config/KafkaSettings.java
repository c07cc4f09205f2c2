package com.retailpulse.infra.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.HashMap;
import java.util.Map;

/**
 * Where Kafka is and how to talk to it. {@code properties} passes any client setting through
 * (security.protocol, sasl.jaas.config, ...) for a production cluster.
 */
@ConfigurationProperties("retailpulse.kafka")
public record KafkaSettings(String bootstrapServers, Map<String, String> properties, Ingest ingest) {

    /** The order topic; its dead letters go to the same name + ".dlq". */
    public record Ingest(boolean enabled, String groupId, String topic, int partitions, int concurrency) {
        public String deadLetterTopic() {
            return topic + ".dlq";
        }
    }

    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(properties == null ? Map.of() : properties);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}
