package com.retailpulse.infra.ingest.clickstream;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clickstream topic; its dead letters go to the same name + ".dlq". Connection settings are
 * the platform's ({@code retailpulse.kafka.*}).
 */
@ConfigurationProperties("retailpulse.clickstream")
public record ClickstreamSettings(Kafka kafka) {

    public record Kafka(boolean enabled, String groupId, String topic, int partitions, int concurrency) {
        public String deadLetterTopic() {
            return topic + ".dlq";
        }
    }
}
