package com.retailpulse.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.infra.RetailPulseApplication;
import com.retailpulse.infra.ingest.order.OrderTopicConsumer;
import com.retailpulse.infra.localstack.LocalStack;
import com.retailpulse.infra.localstack.Ports;
import com.retailpulse.projections.profile.ProfileDocument;
import org.HdrHistogram.Histogram;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * End-to-end ingestion benchmark: orders on the Kafka topic → RecordOrderCommand → event store →
 * customer-profiles projection → Elasticsearch, against a real local stack, next to the raw
 * floors of the same Kafka and Elasticsearch on the same machine in the same run.
 *
 * <p>Run from the repository root: {@code java -jar bench/target/bench.jar --orders 20000}.
 * Not a test: nothing in the build runs it.
 */
public final class IngestionBenchmark {

    private static final String ES_DIST = "elasticsearch/elasticsearch-8.19.21";
    private static final int ES_BULK = 1000;
    private static final Duration POLL = Duration.ofMillis(200);

    private final Options options;
    private LocalStack stack;
    private ConfigurableApplicationContext app;
    private RestClientTransport esTransport;

    private IngestionBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        IngestionBenchmark bench = new IngestionBenchmark(options);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::shutdown, "bench-shutdown"));
        int code;
        try {
            bench.run();
            code = 0;
        } catch (Throwable e) {
            System.err.println("BENCHMARK FAILED: " + e);
            e.printStackTrace();
            code = 1;
        } finally {
            bench.shutdown();
        }
        System.exit(code);
    }

    private void run() throws Exception {
        Machine machine = Machine.current();
        Path dataDir = (options.dataDir() != null ? options.dataDir()
                : defaultDataDir()).toAbsolutePath().normalize();
        Path esHome = elasticsearchHome(options.esHome());
        say("RetailPulse ingestion benchmark: " + machine.describe() + ", load average " + Machine.load());
        say("Data directory " + dataDir + (options.keepData() || options.dataDir() != null ? " (kept)" : " (deleted at the end)"));

        // Elasticsearch runs as an unprivileged user when we are root: it must be able to enter the directory.
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

        // 1. The stack, on free ports.
        long t0 = System.nanoTime();
        stack = new LocalStack(new LocalStack.Settings(dataDir.resolve("stack"), "127.0.0.1",
                Ports.free(), Ports.free(), Ports.free(), options.esHeap(), esHome));
        stack.start();
        say(String.format(Locale.ROOT, "Local stack up in %.1f s (Elasticsearch heap %s)", seconds(System.nanoTime() - t0), options.esHeap()));
        ElasticsearchClient es = elasticsearchClient(stack.elasticsearch().address());
        String kafka = stack.kafka().address();

        // 2. Raw floors, before the application exists, so nothing else competes for the 2 cores.
        // Each floor runs once untimed first (JIT, connections, index creation), then timed.
        say("Raw Kafka floor: " + fmt(options.kafkaFloorMessages()) + " messages of 200 B (after an untimed warm-up) ...");
        RawFloors.kafka(kafka, Math.min(options.kafkaFloorMessages(), 50_000));
        RawFloors.KafkaFloor kafkaFloor = RawFloors.kafka(kafka, options.kafkaFloorMessages());
        say("  produce " + fmt(kafkaFloor.produceMsgsPerSec()) + " msgs/s, consume " + fmt(kafkaFloor.consumeMsgsPerSec()) + " msgs/s");
        say("Raw Elasticsearch floor: " + fmt(options.esFloorDocs()) + " profile-shaped documents in bulks of " + ES_BULK
                + " (after an untimed warm-up) ...");
        RawFloors.elasticsearch(es, Math.min(options.esFloorDocs(), 20_000), ES_BULK);
        RawFloors.ElasticsearchFloor esFloor = RawFloors.elasticsearch(es, options.esFloorDocs(), ES_BULK);
        say("  " + fmt(esFloor.docsPerSec()) + " docs/s");

        // 3. The application, pointed at the stack like the integration tests do.
        String suffix = Long.toString(System.nanoTime(), 36);
        String index = "profiles-bench-" + suffix;
        String group = "ingest-bench-" + suffix;
        t0 = System.nanoTime();
        app = new SpringApplicationBuilder(RetailPulseApplication.class)
                // Command-line arguments, not defaultProperties: application.yml would override those.
                .run(applicationArguments(dataDir.resolve("app"), index, group, suffix));
        Environment env = app.getEnvironment();
        say(String.format(Locale.ROOT, "Application up in %.1f s", seconds(System.nanoTime() - t0)));
        String topicName = env.getProperty("retailpulse.kafka.ingest.topic", OrderTopicConsumer.TOPIC);
        String appSettings;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            TopicDescription topic = admin.describeTopics(List.of(topicName)).allTopicNames().get().get(topicName);
            appSettings = "topic " + topicName + " " + topic.partitions().size() + " partitions, 1 consumer thread; "
                    + "processors " + env.getProperty("retailpulse.processors.initial-segments") + " segments, "
                    + env.getProperty("retailpulse.processors.threads") + " threads, batch "
                    + env.getProperty("retailpulse.processors.batch-size");
        }
        // What actually runs (the properties above only say what was asked for).
        appSettings += "; " + app.getBean(org.axonframework.config.EventProcessingConfiguration.class).eventProcessors()
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().getClass().getSimpleName())
                .sorted().collect(java.util.stream.Collectors.joining(", "));
        say("Application: " + appSettings);

        EndToEnd e2e = new EndToEnd(es, kafka, topicName, index, group).run();

        printTable(machine, appSettings, kafkaFloor, esFloor, e2e);
    }

    private String[] applicationArguments(Path appDir, String index, String group, String suffix) {
        List<String> args = new ArrayList<>();
        // Everything the stack says the application needs to reach it, then this run's own names.
        stack.connectionProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of(
                "--retailpulse.local-stack.enabled=false",
                "--retailpulse.data-dir=" + appDir,
                "--spring.data.mongodb.database=rp-bench-" + suffix,
                "--retailpulse.elasticsearch.profiles-index=" + index,
                "--retailpulse.kafka.ingest.group-id=" + group,
                "--server.port=0",
                "--retailpulse.security.admin-password=bench-admin-password",
                "--retailpulse.security.ingest-key=bench-ingest-key",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.com.retailpulse.infra.localstack=INFO"));
        return args.toArray(String[]::new);
    }

    /** Produces the orders, waits for the profiles, measures. */
    private final class EndToEnd {
        private final ElasticsearchClient es;
        private final String kafka;
        private final String topic;
        private final String index;
        private final String group;

        final int n = options.orders();
        final int customers = options.customers();
        String loadBefore;
        String loadAfter;
        long firstProduceNanos;
        long producedNanos;
        long storedNanos = -1;
        long visibleNanos;
        Instant firstProduceAt;
        Instant lastUpdatedAt;
        final Histogram latencyMicros = new Histogram(Duration.ofHours(1).toNanos() / 1000, 3);
        /** Where the latency goes: produce → event stored (the event's timestamp), and stored → profile written. */
        final Histogram toStoreMicros = new Histogram(Duration.ofHours(1).toNanos() / 1000, 3);
        final Histogram toProfileMicros = new Histogram(Duration.ofHours(1).toNanos() / 1000, 3);
        int mismatched;

        EndToEnd(ElasticsearchClient es, String kafka, String topic, String index, String group) {
            this.es = es;
            this.kafka = kafka;
            this.topic = topic;
            this.index = index;
            this.group = group;
        }

        EndToEnd run() throws Exception {
            String runId = Long.toString(System.currentTimeMillis(), 36);
            String[] members = new String[customers];
            for (int c = 0; c < customers; c++) {
                members[c] = "bench-" + runId + "-" + c;
            }
            // Order i belongs to customer i % C; the last order of customer c decides its final profile.
            int[] lastOrderOf = new int[customers];
            int[] ordersOf = new int[customers];
            byte[][] payloads = new byte[n][];
            for (int i = 0; i < n; i++) {
                int c = i % customers;
                lastOrderOf[c] = i;
                ordersOf[c]++;
                payloads[i] = orderJson("o-" + runId + "-" + i, members[c],
                        Instant.parse("2024-03-01T10:00:00Z").plusSeconds(i).toString(), 1 + i % 3, "2.55")
                        .getBytes(StandardCharsets.UTF_8);
            }
            long[] sentMicros = new long[n];

            say("End-to-end: producing " + fmt(n) + " orders for " + fmt(customers) + " customers to " + topic + " ...");
            Map<String, Object> producerProps = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka));
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                         new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                producer.partitionsFor(topic);
                loadBefore = Machine.load();
                firstProduceNanos = System.nanoTime();
                firstProduceAt = Instant.now();
                for (int i = 0; i < n; i++) {
                    if (options.rate() > 0) {
                        // Evenly paced: order i leaves at i / rate seconds after the first.
                        long due = firstProduceNanos + (long) (i * 1e9 / options.rate());
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    sentMicros[i] = micros(Instant.now());
                    producer.send(new ProducerRecord<>(topic, members[i % customers], payloads[i]));
                }
                producer.flush();
                producedNanos = System.nanoTime();
                say(String.format(Locale.ROOT, "  produced in %.2f s; waiting for %s orders in index %s (timeout %d s)",
                        seconds(producedNanos - firstProduceNanos), fmt(n), index, options.timeout().toSeconds()));
                awaitProfiles(admin);
                loadAfter = Machine.load();
            }
            measureLatency(members, lastOrderOf, ordersOf, sentMicros);
            return this;
        }

        private void awaitProfiles(Admin admin) throws Exception {
            long deadline = firstProduceNanos + options.timeout().toNanos();
            long nextPrint = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (true) {
                long stored = committedOffsets(admin);
                long now = System.nanoTime();
                if (storedNanos < 0 && stored >= n) {
                    storedNanos = now;
                }
                long visible = visibleOrders();
                now = System.nanoTime();
                if (visible >= n) {
                    visibleNanos = now;
                    if (storedNanos < 0) {
                        storedNanos = now;
                    }
                    progress(now, stored, visible);
                    return;
                }
                if (now >= nextPrint) {
                    progress(now, stored, visible);
                    nextPrint += Duration.ofSeconds(1).toNanos();
                }
                if (now > deadline) {
                    throw new IllegalStateException("timed out after " + options.timeout().toSeconds() + " s: "
                            + visible + " of " + n + " orders visible in the profiles, " + stored + " consumed and stored");
                }
                Thread.sleep(POLL.toMillis());
            }
        }

        private void progress(long now, long stored, long visible) {
            say(String.format(Locale.ROOT, "  [%6.1f s] stored (offsets committed) %s/%s   visible in profiles %s/%s",
                    seconds(now - firstProduceNanos), fmt(stored), fmt(n), fmt(visible), fmt(n)));
        }

        /** Orders the ingest consumer has recorded: its committed offsets, summed over the partitions. */
        private long committedOffsets(Admin admin) throws Exception {
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }

        /** Orders reflected in searchable profiles: the sum of orders.count. */
        private long visibleOrders() throws IOException {
            SearchResponse<Void> response = es.search(s -> s.index(index).size(0)
                    .aggregations("orders", a -> a.sum(sum -> sum.field("orders.count"))), Void.class);
            return Math.round(response.aggregations().get("orders").sum().value());
        }

        private void measureLatency(String[] members, int[] lastOrderOf, int[] ordersOf, long[] sentMicros) throws IOException {
            long lastUpdated = Long.MIN_VALUE;
            for (int from = 0; from < customers; from += ES_BULK) {
                List<String> ids = new ArrayList<>();
                for (int c = from; c < Math.min(customers, from + ES_BULK); c++) {
                    ids.add(CustomerId.firstSeenAs(new CustomerIdentifier(IdentifierType.MEMBER, members[c])).value());
                }
                MgetResponse<ProfileDocument> response = es.mget(m -> m.index(index).ids(ids), ProfileDocument.class);
                List<MultiGetResponseItem<ProfileDocument>> docs = response.docs();
                for (int k = 0; k < docs.size(); k++) {
                    int c = from + k;
                    MultiGetResponseItem<ProfileDocument> item = docs.get(k);
                    ProfileDocument doc = item.isResult() && item.result().found() ? item.result().source() : null;
                    if (doc == null || doc.updatedAt() == null || doc.orders() == null || doc.orders().count() != ordersOf[c]) {
                        mismatched++;
                        continue;
                    }
                    long updated = micros(doc.updatedAt());
                    lastUpdated = Math.max(lastUpdated, updated);
                    latencyMicros.recordValue(Math.max(0, updated - sentMicros[lastOrderOf[c]]));
                    if (doc.lastEventAt() != null) {
                        long stored = micros(doc.lastEventAt());
                        toStoreMicros.recordValue(Math.max(0, stored - sentMicros[lastOrderOf[c]]));
                        toProfileMicros.recordValue(Math.max(0, updated - stored));
                    }
                }
            }
            lastUpdatedAt = lastUpdated == Long.MIN_VALUE ? null : Instant.EPOCH.plus(lastUpdated, ChronoUnit.MICROS);
            if (mismatched > 0) {
                say("  WARNING: " + mismatched + " of " + customers + " profiles missing or with an unexpected order count");
            }
        }

        double ordersPerSecVisible() {
            return RawFloors.rate(n, visibleNanos - firstProduceNanos);
        }

        double ordersPerSecStored() {
            return RawFloors.rate(n, storedNanos - firstProduceNanos);
        }

        double ordersPerSecLastUpdate() {
            return lastUpdatedAt == null ? Double.NaN
                    : n / (Duration.between(firstProduceAt, lastUpdatedAt).toNanos() / 1e9);
        }
    }

    /** The ingest contract's JSON, as infra's test support writes it. */
    static String orderJson(String orderId, String member, String placedAt, int quantity, String unitPrice) {
        return ("{\"orderId\":\"%s\",\"customer\":{\"type\":\"member\",\"value\":\"%s\"},\"placedAt\":\"%s\",\"currency\":\"GBP\","
                + "\"lines\":[{\"sku\":\"85123A\",\"name\":\"WHITE HANGING HEART T-LIGHT HOLDER\",\"quantity\":%d,\"unitPrice\":%s}],"
                + "\"channel\":\"pos\",\"storeId\":\"store-7\"}").formatted(orderId, member, placedAt, quantity, unitPrice);
    }

    private void printTable(Machine machine, String appSettings, RawFloors.KafkaFloor kafka, RawFloors.ElasticsearchFloor es, EndToEnd e2e) {
        double e2eRate = e2e.ordersPerSecVisible();
        Histogram h = e2e.latencyMicros;
        String line = "-".repeat(100);
        StringBuilder out = new StringBuilder("\n").append(line).append('\n');
        row(out, "Code", System.getProperty("bench.revision", "unknown revision"));
        row(out, "Machine", machine.describe());
        row(out, "Load average", "1-min " + e2e.loadBefore + " before producing, " + e2e.loadAfter
                + " when all visible (the benchmark alone keeps 2 cores busy; more means other work ran)");
        row(out, "Application", appSettings);
        out.append(line).append('\n');
        row(out, "Raw Kafka floor", fmt(kafka.messages()) + " msgs x 200 B, 1 partition: produce " + fmt(kafka.produceMsgsPerSec())
                + " msgs/s, consume " + fmt(kafka.consumeMsgsPerSec()) + " msgs/s");
        row(out, "Raw ES bulk floor", fmt(es.docs()) + " profile docs, sequential bulks of " + es.bulkSize() + ": " + fmt(es.docsPerSec()) + " docs/s");
        out.append(line).append('\n');
        row(out, "End-to-end N", fmt(e2e.n) + " orders, " + fmt(e2e.customers) + " customers, "
                + (options.rate() > 0 ? "paced at " + fmt(options.rate()) + " orders/s" : "produced all at once"));
        row(out, "Produced in", String.format(Locale.ROOT, "%.2f s", seconds(e2e.producedNanos - e2e.firstProduceNanos)));
        row(out, "Stored (consumed)", String.format(Locale.ROOT, "%.1f s  -> %s orders/s (first produce to all offsets committed)",
                seconds(e2e.storedNanos - e2e.firstProduceNanos), fmt(e2e.ordersPerSecStored())));
        row(out, "Visible", String.format(Locale.ROOT, "%.1f s  -> %s orders/s (first produce to last visible)  <== end-to-end",
                seconds(e2e.visibleNanos - e2e.firstProduceNanos), fmt(e2eRate)));
        row(out, "Last profile write", fmt(e2e.ordersPerSecLastUpdate()) + " orders/s (first produce to max updatedAt; excludes refresh/poll)");
        row(out, "Ratio to Kafka", pct(e2eRate / kafka.consumeMsgsPerSec()) + " of raw consume");
        row(out, "Ratio to ES bulk", pct(e2eRate / es.docsPerSec()) + " of raw bulk");
        row(out, "Latency (ms)", String.format(Locale.ROOT, "p50 %s  p95 %s  p99 %s  max %s   (updatedAt - produce time, %s profiles%s)",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), fmt(h.getTotalCount()),
                e2e.customers == e2e.n ? "" : ", each customer's last order"));
        row(out, "  of which (ms)", String.format(Locale.ROOT, "produce -> event stored p50 %s p95 %s;  event stored -> profile p50 %s p95 %s",
                ms(e2e.toStoreMicros.getValueAtPercentile(50)), ms(e2e.toStoreMicros.getValueAtPercentile(95)),
                ms(e2e.toProfileMicros.getValueAtPercentile(50)), ms(e2e.toProfileMicros.getValueAtPercentile(95))));
        if (e2e.mismatched > 0) {
            row(out, "WARNING", e2e.mismatched + " profiles missing or with an unexpected order count (left out of the latency)");
        }
        out.append(line).append('\n');
        // One line for tabulating runs.
        out.append(String.format(Locale.ROOT,
                "RESULT rev=%s cores=%d n=%d customers=%d rate=%d kafka_consume_msgs_s=%.0f es_bulk_docs_s=%.0f e2e_orders_s=%.0f stored_orders_s=%.0f "
                        + "ratio_kafka=%.4f ratio_es=%.4f p50_ms=%s p95_ms=%s p99_ms=%s max_ms=%s%n",
                System.getProperty("bench.revision", "unknown").replace(' ', '_'), machine.cores(), e2e.n, e2e.customers, options.rate(),
                kafka.consumeMsgsPerSec(), es.docsPerSec(), e2eRate, e2e.ordersPerSecStored(),
                e2eRate / kafka.consumeMsgsPerSec(), e2eRate / es.docsPerSec(),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue())));
        System.out.print(out);
        System.out.flush();
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-20s %s%n", label, value));
    }

    private synchronized void shutdown() {
        if (app != null) {
            ConfigurableApplicationContext context = app;
            app = null;
            say("Stopping the application ...");
            try {
                context.close();
            } catch (RuntimeException e) {
                System.err.println("application did not stop cleanly: " + e);
            }
        }
        if (esTransport != null) {
            try {
                esTransport.close();
            } catch (IOException e) {
                // closing a client of a node about to stop
            }
            esTransport = null;
        }
        if (stack != null) {
            LocalStack s = stack;
            stack = null;
            say("Stopping the local stack ...");
            s.close();
            if (!options.keepData() && options.dataDir() == null) {
                deleteDataDir();
            }
            say("Done.");
        }
    }

    private void deleteDataDir() {
        deleteDir(defaultDataDir());
    }

    static void deleteDir(Path path) {
        Path dir = path.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Outside the checkout, so a concurrent {@code mvn clean} cannot delete a running node's files. */
    static Path defaultDataDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "retailpulse-bench-" + ProcessHandle.current().pid());
    }

    /** The Elasticsearch distribution the build unpacked under infra/target, or {@code override}. */
    static Path elasticsearchHome(Path override) {
        if (override != null) {
            return override.toAbsolutePath().normalize();
        }
        for (Path candidate : new Path[] {Path.of("infra", "target", ES_DIST), Path.of("..", "infra", "target", ES_DIST)}) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("Elasticsearch distribution not found under infra/target/" + ES_DIST
                + ": run from the repository root after `mvn -pl bench -am package -DskipTests`, or pass --es-home");
    }

    private ElasticsearchClient elasticsearchClient(String address) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        RestClient rest = RestClient.builder(HttpHost.create(address)).build();
        esTransport = new RestClientTransport(rest, new JacksonJsonpMapper(mapper));
        return new ElasticsearchClient(esTransport);
    }

    record Machine(int cores, long maxHeapBytes, long ramBytes, String java) {
        static Machine current() {
            long ram = -1;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                ram = os.getTotalMemorySize();
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(), ram,
                    System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        }

        String describe() {
            return String.format(Locale.ROOT, "%d cores, RAM %.1f GiB, bench JVM max heap %.1f GiB, Java %s",
                    cores, ramBytes / (double) (1L << 30), maxHeapBytes / (double) (1L << 30), java);
        }

        /** The 1-minute load average: other work on the machine distorts every figure. */
        static String load() {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.0f", micros / 1000.0);
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, ratio >= 0.01 ? "%.1f%%" : "%.3f%%", ratio * 100)
                + String.format(Locale.ROOT, " (1/%,.0f)", 1 / ratio);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String fmt(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static void say(String message) {
        System.out.println(message);
        System.out.flush();
    }
}
