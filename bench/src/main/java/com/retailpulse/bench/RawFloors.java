package com.retailpulse.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.TagSettings;
import com.retailpulse.projections.profile.ProfileIndex;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What this machine does with the same servers and no RetailPulse code in between. */
final class RawFloors {

    record KafkaFloor(int messages, double produceMsgsPerSec, double consumeMsgsPerSec) {
    }

    record ElasticsearchFloor(int docs, int bulkSize, double docsPerSec) {
    }

    private RawFloors() {
    }

    /**
     * Produces {@code n} messages of 200 bytes to a fresh one-partition topic, then times one plain
     * KafkaConsumer reading them all from the beginning.
     */
    static KafkaFloor kafka(String bootstrap, int n) throws Exception {
        String topic = "bench.raw-floor." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        byte[] payload = new byte[200];
        Arrays.fill(payload, (byte) 'x');
        Map<String, Object> producerProps = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        long produceStart;
        long produceEnd;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata before the clock starts
            produceStart = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, payload));
            }
            producer.flush();
            produceEnd = System.nanoTime();
        }

        Map<String, Object> consumerProps = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long consumeStart;
        long consumeEnd;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.position(partition); // connects and resolves the offset before the clock starts
            consumeStart = System.nanoTime();
            long seen = 0;
            long deadline = consumeStart + Duration.ofMinutes(2).toNanos();
            while (seen < n) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                seen += records.count();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("raw Kafka floor: consumed only " + seen + " of " + n + " in 2 minutes");
                }
            }
            consumeEnd = System.nanoTime();
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
        return new KafkaFloor(n, rate(n, produceEnd - produceStart), rate(n, consumeEnd - consumeStart));
    }

    /**
     * Indexes {@code n} documents shaped like {@link ProfileDocument} into a scratch index with the
     * profiles mapping, in sequential bulks of {@code bulkSize} (as the projection writes), then drops it.
     */
    static ElasticsearchFloor elasticsearch(ElasticsearchClient client, int n, int bulkSize) throws IOException {
        String index = "bench-raw-floor-" + UUID.randomUUID();
        ProfileIndex scratch = new ProfileIndex(client, index, 0); // one node: no replicas
        scratch.ensureExists();
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        long start = System.nanoTime();
        for (int from = 0; from < n; from += bulkSize) {
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            for (int i = from; i < Math.min(n, from + bulkSize); i++) {
                ProfileDocument doc = profileLike(i, base);
                bulk.operations(op -> op.index(x -> x.index(index).id(doc.customerId()).document(doc)));
            }
            BulkResponse response = client.bulk(bulk.build());
            if (response.errors()) {
                throw new IllegalStateException("raw Elasticsearch floor: bulk had errors, first: "
                        + response.items().stream().filter(it -> it.error() != null).findFirst().map(it -> it.error().reason()).orElse("?"));
            }
        }
        long end = System.nanoTime();
        scratch.drop();
        return new ElasticsearchFloor(n, bulkSize, rate(n, end - start));
    }

    private static ProfileDocument profileLike(int i, Instant base) {
        return ProfileDocument.withOneOrder(UUID.nameUUIDFromBytes(("floor:" + i).getBytes(StandardCharsets.UTF_8)).toString(),
                "member:floor-" + i, base.plusSeconds(i), new BigDecimal("29.50"), TagSettings.defaults(), Instant.now());
    }

    static double rate(long count, long nanos) {
        return count / (nanos / 1e9);
    }
}
