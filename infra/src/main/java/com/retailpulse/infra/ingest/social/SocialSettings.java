package com.retailpulse.infra.ingest.social;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code retailpulse.social}: the Kafka topic social events may also arrive on. */
@ConfigurationProperties("retailpulse.social")
public record SocialSettings(Kafka kafka) {

    public SocialSettings {
        kafka = kafka == null ? new Kafka(true, null, 0) : kafka;
    }

    /** Dead letters go to {@code topic + ".dlq"}. */
    public record Kafka(boolean enabled, String topic, int partitions) {
        public Kafka {
            topic = topic == null ? SocialTopicConsumer.TOPIC : topic;
            partitions = partitions <= 0 ? 4 : partitions;
        }

        public String deadLetterTopic() {
            return topic + ".dlq";
        }
    }
}
