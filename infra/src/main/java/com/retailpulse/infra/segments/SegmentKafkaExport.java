package com.retailpulse.infra.segments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.infra.config.KafkaSettings;
import com.retailpulse.projections.segment.SegmentSearch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes a segment's members to Kafka (one JSON record per member, keyed by customer id) for
 * downstream activation: ad platforms, a data warehouse, a partner's CRM. Every record carries the
 * export id, the segment and its definition version, so a consumer can tell two exports apart.
 */
@Component
class SegmentKafkaExport implements AutoCloseable {

    record Exported(String exportId, String topic, String segment, int version, long published, Instant at) {
    }

    record MemberRecord(String exportId, String segment, int version, Instant exportedAt, SegmentSearch.Member member) {
    }

    private final KafkaSettings kafka;
    private final ObjectMapper json;
    private final String topic;
    private KafkaProducer<String, String> producer;

    SegmentKafkaExport(KafkaSettings kafka, ObjectMapper json, @Value("${retailpulse.segments.export-topic}") String topic) {
        this.kafka = kafka;
        this.json = json;
        this.topic = topic;
    }

    String topic() {
        return topic;
    }

    /** Publishes every member; answers once Kafka has acknowledged all of them. */
    Exported export(SegmentSearch search, String segment, int version, String exportId, Instant at) {
        KafkaProducer<String, String> out = producer();
        long published = search.forEachMember(segment, page -> {
            List<Future<?>> sent = page.stream().<Future<?>>map(m -> out.send(new ProducerRecord<>(topic, m.customerId(),
                    write(new MemberRecord(exportId, segment, version, at, m))))).toList();
            for (Future<?> f : sent) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("export " + exportId + " interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("export " + exportId + " to " + topic + " failed: " + e.getCause().getMessage(), e);
                }
            }
        });
        return new Exported(exportId, topic, segment, version, published, at);
    }

    private String write(MemberRecord record) {
        try {
            return json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("member cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(kafka.clientProperties());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
