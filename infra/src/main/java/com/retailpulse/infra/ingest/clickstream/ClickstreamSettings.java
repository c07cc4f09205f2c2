package com.retailpulse.infra.ingest.clickstream;

import com.retailpulse.contracts.customer.IdentifierType;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Clickstream ingestion. The topic's dead letters go to the same name + ".dlq"; connection
 * settings are the platform's ({@code retailpulse.kafka.*}).
 */
@ConfigurationProperties("retailpulse.clickstream")
public record ClickstreamSettings(int concurrency, String userIdType, Kafka kafka) {

    /** What a message's userId is (an identifier type code); member unless configured. */
    public IdentifierType userIdentifierType() {
        if (userIdType == null || userIdType.isBlank()) {
            return IdentifierType.MEMBER;
        }
        return IdentifierType.fromCode(userIdType.strip()).orElseThrow(() -> new IllegalStateException(
                "retailpulse.clickstream.user-id-type: unknown identifier type '" + userIdType + "'; known types: "
                        + IdentifierType.codes()));
    }

    /** Visitors of one HTTP batch recorded in parallel (each visitor's messages in sequence). */
    public int concurrency() {
        return Math.max(1, concurrency);
    }

    public record Kafka(boolean enabled, String groupId, String topic, int partitions, int concurrency) {
        public String deadLetterTopic() {
            return topic + ".dlq";
        }
    }
}
