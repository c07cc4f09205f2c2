package com.retailpulse.bench;

import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.RecordConsentCommand;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import com.retailpulse.contracts.journey.EventSpec;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.PublishJourneyCommand;
import com.retailpulse.contracts.journey.Reentry;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.infra.RetailPulseApplication;
import com.retailpulse.infra.localstack.LocalStack;
import com.retailpulse.infra.localstack.Ports;
import com.retailpulse.projections.journey.JourneyCatalogue;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Trigger-to-channel latency of a journey (issue: p99 &lt; 100 ms at 1,000 triggers/s; docs/benchmarks.md).
 * One journey — login → an inbox message → exit — and one customer per trigger (so no frequency cap
 * intervenes), each with in-app consent. Logins are recorded at {@code rate} per second for
 * {@code seconds} (after {@code warmup} seconds not counted); each message is read back from the inbox
 * topic, and the latency is the Kafka record's time minus the moment the login was stored (the
 * command's completion) — and, stricter, minus the moment it was sent.
 * <pre>BENCH_MAIN=com.retailpulse.bench.JourneyLatencyBenchmark bench/run-ingestion.sh [rate] [seconds] [warmup]</pre>
 */
public final class JourneyLatencyBenchmark {

    private JourneyLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int n = rate * (seconds + warmup);
        int counted = warmup * rate;
        Path dataDir = IngestionBenchmark.defaultDataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        say("Journey latency benchmark: " + IngestionBenchmark.Machine.current().describe() + ", load average "
                + IngestionBenchmark.Machine.load() + "; " + rate + " triggers/s for " + seconds + " s after " + warmup + " s warm-up");
        LocalStack stack = new LocalStack(new LocalStack.Settings(dataDir.resolve("stack"), "127.0.0.1",
                Ports.free(), Ports.free(), Ports.free(), "1g", IngestionBenchmark.elasticsearchHome(null)));
        // Stopped or interrupted, the benchmark must not leave its Elasticsearch (another process) running.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stack-shutdown"));
        ConfigurableApplicationContext app = null;
        try {
            stack.start();
            List<String> appArgs = new ArrayList<>();
            stack.connectionProperties().forEach((key, value) -> appArgs.add("--" + key + "=" + value));
            appArgs.addAll(List.of("--retailpulse.local-stack.enabled=false", "--retailpulse.data-dir=" + dataDir.resolve("app"),
                    "--server.port=0", "--retailpulse.security.admin-password=bench-admin-password",
                    "--retailpulse.security.ingest-key=bench-ingest-key", "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN"));
            app = new SpringApplicationBuilder(RetailPulseApplication.class).run(appArgs.toArray(String[]::new));
            CommandGateway commands = app.getBean(CommandGateway.class);
            awaitTracking(app.getBean(EventProcessingConfiguration.class));

            JourneyKey key = new JourneyKey("bench-login-inbox");
            commands.sendAndWait(new PublishJourneyCommand(key, new JourneyGraph("Login: inbox note",
                    new Trigger.OnEvent(EventSpec.of("login")), "note", List.of(
                    new JourneyNode.SendMessage("note", Channel.INBOX, "Welcome back", "Hello {{customer.id}}, good to see you.", null, "done"),
                    new JourneyNode.Exit("done")), null, Reentry.afterExit(), 10)));
            JourneyCatalogue catalogue = app.getBean(JourneyCatalogue.class);
            while (catalogue.active().stream().noneMatch(a -> a.key().equals(key))) {
                Thread.sleep(100);
            }

            say("Creating " + n + " customers with in-app consent (untimed) ...");
            CustomerId[] customers = new CustomerId[n];
            Semaphore inFlight = new Semaphore(64);
            Instant earlier = Instant.now().minus(Duration.ofDays(1));
            for (int i = 0; i < n; i++) {
                CustomerIdentifier member = CustomerIdentifier.parse("member:LB-" + i);
                customers[i] = CustomerId.firstSeenAs(member);
                inFlight.acquire();
                commands.send(new RecordConsentCommand(customers[i], member,
                        new ConsentStatement(ConsentChannel.IN_APP, ConsentPurpose.MARKETING, true, earlier), "bench"))
                        .whenComplete((r, e) -> inFlight.release());
            }
            inFlight.acquire(64);
            inFlight.release(64);
            Thread.sleep(3000); // let the projections settle before timing

            Map<String, Integer> index = new java.util.HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                index.put(customers[i].value(), i);
            }
            AtomicLongArray sentMicros = new AtomicLongArray(n);
            AtomicLongArray storedMicros = new AtomicLongArray(n);
            AtomicLongArray onKafkaMillis = new AtomicLongArray(n);
            AtomicLong received = new AtomicLong();
            Thread reader = reader(stack.kafka().address(), index, onKafkaMillis, received, n);

            say("Recording " + n + " logins at " + rate + "/s ...");
            // Sources record in parallel (a command is stored in the sending thread): 16 senders keep the pace.
            java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(16);
            long start = System.nanoTime();
            AtomicLong failed = new AtomicLong();
            for (int i = 0; i < n; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                int c = i;
                sentMicros.set(c, micros());
                senders.execute(() -> {
                    try {
                        commands.sendAndWait(new RecordInteractionCommand(customers[c], null,
                                new CustomerInteraction.Login("bench-login-" + c, Instant.now(), "app")));
                        storedMicros.set(c, micros());
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                });
            }
            senders.shutdown();
            senders.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
            double achieved = n / ((System.nanoTime() - start) / 1e9);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            reader.interrupt();

            Histogram fromStored = new Histogram(60_000, 3);
            Histogram fromSent = new Histogram(60_000, 3);
            int missing = 0;
            for (int i = counted; i < n; i++) {
                long kafkaMs = onKafkaMillis.get(i);
                if (kafkaMs == 0 || storedMicros.get(i) == 0) {
                    missing++;
                    continue;
                }
                fromStored.recordValue(Math.max(0, kafkaMs - storedMicros.get(i) / 1000));
                fromSent.recordValue(Math.max(0, kafkaMs - sentMicros.get(i) / 1000));
            }
            say(String.format(Locale.ROOT, "Triggers recorded: %,d at %.0f/s (asked %d/s), %d failed; messages on Kafka: %,d; counted %,d (after warm-up), missing %d",
                    n, achieved, rate, failed.get(), received.get(), n - counted, missing));
            say(String.format(Locale.ROOT, "Login stored -> message on Kafka, ms: p50 %d, p90 %d, p99 %d, p99.9 %d, max %d",
                    fromStored.getValueAtPercentile(50), fromStored.getValueAtPercentile(90), fromStored.getValueAtPercentile(99),
                    fromStored.getValueAtPercentile(99.9), fromStored.getMaxValue()));
            say(String.format(Locale.ROOT, "Login sent   -> message on Kafka, ms: p50 %d, p90 %d, p99 %d, p99.9 %d, max %d",
                    fromSent.getValueAtPercentile(50), fromSent.getValueAtPercentile(90), fromSent.getValueAtPercentile(99),
                    fromSent.getValueAtPercentile(99.9), fromSent.getMaxValue()));
        } finally {
            if (app != null) {
                app.close();
            }
            stack.close();
            IngestionBenchmark.deleteDir(dataDir);
        }
        System.exit(0);
    }

    /** The tracking processors start at the head of the stream once they claimed it: wait for that. */
    private static void awaitTracking(EventProcessingConfiguration processing) throws InterruptedException {
        for (String group : List.of("journey-triggers", "JourneyRunProcessor", "channel-dispatch")) {
            while (processing.eventProcessor(group, StreamingEventProcessor.class).map(p -> p.processingStatus().isEmpty()).orElse(true)) {
                Thread.sleep(100);
            }
        }
    }

    private static Thread reader(String bootstrap, Map<String, Integer> index, AtomicLongArray onKafkaMillis, AtomicLong received, int n) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "journey-latency-bench", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("retailpulse.messages.inbox"));
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (!Thread.currentThread().isInterrupted() && received.get() < n) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        Integer i = index.get(r.key());
                        if (i != null && onKafkaMillis.compareAndSet(i, 0, r.timestamp())) {
                            received.incrementAndGet();
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // done
            }
        }, "latency-reader");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static long micros() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static void say(String message) {
        System.out.println(message);
        System.out.flush();
    }
}
