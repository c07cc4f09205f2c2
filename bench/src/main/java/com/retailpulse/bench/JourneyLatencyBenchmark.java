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
import org.axonframework.eventsourcing.eventstore.EventStore;
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
 * <pre>BENCH_MAIN=com.retailpulse.bench.JourneyLatencyBenchmark bench/run-ingestion.sh [rate] [seconds] [warmup] [wait]</pre>
 */
public final class JourneyLatencyBenchmark {

    private JourneyLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        // "wait": the journey waits an hour after its message, so every run stays alive (a saga each) through the
        // benchmark, as customers waiting in "coupon 30 minutes after login unless they ordered" do
        boolean waiting = java.util.Arrays.asList(args).contains("wait");
        // the warm-up runs at warmup-rate=N (default: the rate), so that a short run at a high rate can warm the JIT
        // for minutes at a rate the set-up can afford (every trigger's customer is created beforehand)
        int warmupRate = java.util.Arrays.stream(args).filter(a -> a.startsWith("warmup-rate="))
                .map(a -> Integer.parseInt(a.substring("warmup-rate=".length()))).findFirst().orElse(rate);
        int counted = warmup * warmupRate;
        int n = counted + rate * seconds;
        Path dataDir = IngestionBenchmark.defaultDataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        say("Journey latency benchmark: " + IngestionBenchmark.Machine.current().describe() + ", load average "
                + IngestionBenchmark.Machine.load() + "; " + rate + " triggers/s for " + seconds + " s after " + warmup + " s warm-up at "
                + warmupRate + "/s"
                + (waiting ? "; each run then waits an hour" : ""));
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
            MongoCommands mongoCommands = new MongoCommands();
            app = new SpringApplicationBuilder(RetailPulseApplication.class)
                    .initializers(context -> context.getBeanFactory().registerSingleton("benchMongoCommands",
                            (org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer)
                                    settings -> settings.addCommandListener(mongoCommands)))
                    .run(appArgs.toArray(String[]::new));
            CommandGateway commands = app.getBean(CommandGateway.class);
            awaitTracking(app.getBean(EventProcessingConfiguration.class));

            JourneyKey key = new JourneyKey("bench-login-inbox");
            List<JourneyNode> nodes = new ArrayList<>(List.of(
                    new JourneyNode.SendMessage("note", Channel.INBOX, "Welcome back", "Hello {{customer.id}}, good to see you.", null,
                            waiting ? "later" : "done"),
                    new JourneyNode.Exit("done")));
            if (waiting) {
                nodes.add(new JourneyNode.Wait("later", Duration.ofHours(1), null, "done"));
            }
            commands.sendAndWait(new PublishJourneyCommand(key, new JourneyGraph("Login: inbox note",
                    new Trigger.OnEvent(EventSpec.of("login")), "note", nodes, null, Reentry.afterExit(), 10)));
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
            // Every projection catches up with the set-up before the timing starts: otherwise its backlog
            // (profiles, interaction facts, audit seals of 2 events per customer) competes with the triggers.
            awaitCaughtUp(app.getBean(EventProcessingConfiguration.class), app.getBean(EventStore.class), Duration.ofMinutes(5));

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
            CpuTime[] cpuAtStart = {CpuTime.now()};
            long[] measuredFrom = {System.nanoTime()};
            // Sources record in parallel (a command is stored in the sending thread): 16 senders keep the pace.
            java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(16);
            long start = System.nanoTime();
            AtomicLong failed = new AtomicLong();
            for (int i = 0; i < n; i++) {
                long due = start + (long) (Math.min(i, counted) * 1e9 / warmupRate + Math.max(0, i - counted) * 1e9 / rate);
                if (i == counted) {
                    // the measured part starts: CPU and MongoDB commands are counted from here
                    mongoCommands.reset();
                    cpuAtStart[0] = CpuTime.now();
                    measuredFrom[0] = System.nanoTime();
                }
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
            double achieved = (n - counted) / ((System.nanoTime() - measuredFrom[0]) / 1e9);
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos(); // a backlog may take minutes to drain
            while (received.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            reader.interrupt();
            // from the first trigger until its last message is on Kafka (work the messages set off later, such as
            // receipts and journey results, partly falls outside)
            Map<String, Long> commandsDuringTriggers = mongoCommands.snapshot();
            Map<String, Long> tokenWritesDuringTriggers = mongoCommands.tokenWritesSnapshot();
            CpuTime cpuUsed = CpuTime.now().minus(cpuAtStart[0]);
            int measured = n - counted;

            Histogram fromStored = new Histogram(600_000, 3);
            Histogram fromSent = new Histogram(600_000, 3);
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
            hops(app.getBean(EventStore.class), customers, counted, n, storedMicros, onKafkaMillis);
            say(String.format(Locale.ROOT, "CPU from the first measured trigger to the last message: %.1f ms per trigger on the machine (busy %.0f %% of %d cores), "
                    + "%.1f ms of it in the platform's JVM", cpuUsed.machineMillis() / measured, cpuUsed.machineBusyPercent(),
                    Runtime.getRuntime().availableProcessors(), cpuUsed.jvmMillis() / measured));
            long total = commandsDuringTriggers.values().stream().mapToLong(Long::longValue).sum();
            say(String.format(Locale.ROOT, "MongoDB commands from the first measured trigger to the last message: %,d (%.1f per trigger); the most frequent:",
                    total, total / (double) measured));
            commandsDuringTriggers.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                    .forEach(e -> say(String.format(Locale.ROOT, "  %6.2f per trigger  %s", e.getValue() / (double) measured, e.getKey())));
            say("Token writes by kind and processor (of the updates of trackingtokens above):");
            tokenWritesDuringTriggers.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> say(String.format(Locale.ROOT, "  %6.2f per trigger  %s", e.getValue() / (double) measured, e.getKey())));
        } finally {
            if (app != null) {
                app.close();
            }
            stack.close();
            IngestionBenchmark.deleteDir(dataDir);
        }
        System.exit(0);
    }

    /**
     * Where the time goes, hop by hop, for up to 500 counted triggers: the login stored, the enrollment stored
     * (the {@code journey-triggers} hop), the message accepted by the guardrails (the journey saga's hop), the
     * message on Kafka ({@code channel-dispatch}). Event times are the events' own timestamps, taken when the
     * handler applied them, a little before their commit.
     */
    private static void hops(EventStore store, CustomerId[] customers, int counted, int n, AtomicLongArray storedMicros,
                             AtomicLongArray onKafkaMillis) {
        Histogram enrolled = new Histogram(600_000, 3);
        Histogram accepted = new Histogram(600_000, 3);
        Histogram dispatched = new Histogram(600_000, 3);
        int step = Math.max(1, (n - counted) / 500);
        for (int i = counted; i < n; i += step) {
            if (storedMicros.get(i) == 0 || onKafkaMillis.get(i) == 0) {
                continue;
            }
            long login = -1;
            long enrolledAt = -1;
            long acceptedAt = -1;
            var events = store.readEvents(customers[i].value());
            while (events.hasNext()) {
                var event = events.next();
                long at = event.getTimestamp().toEpochMilli();
                Object payload = event.getPayload();
                if (payload instanceof com.retailpulse.contracts.customer.LoggedInEvent && login < 0) {
                    login = at;
                } else if (payload instanceof com.retailpulse.contracts.customer.JourneyEnrolledEvent && enrolledAt < 0) {
                    enrolledAt = at;
                } else if (payload instanceof com.retailpulse.contracts.customer.MessageAcceptedEvent && acceptedAt < 0) {
                    acceptedAt = at;
                }
            }
            if (login < 0 || enrolledAt < 0 || acceptedAt < 0) {
                continue;
            }
            enrolled.recordValue(Math.max(0, enrolledAt - login));
            accepted.recordValue(Math.max(0, acceptedAt - enrolledAt));
            dispatched.recordValue(Math.max(0, onKafkaMillis.get(i) - acceptedAt));
        }
        for (var hop : List.of(Map.entry("login -> enrolled (journey-triggers)", enrolled),
                Map.entry("enrolled -> accepted (journey saga)  ", accepted),
                Map.entry("accepted -> on Kafka (channel-dispatch)", dispatched))) {
            Histogram h = hop.getValue();
            say(String.format(Locale.ROOT, "  hop %s, ms over %d triggers: p50 %d, p90 %d, p99 %d, max %d", hop.getKey(),
                    h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue()));
        }
    }

    /**
     * CPU time: the machine's busy time from /proc/stat (every process: the platform's JVM, Elasticsearch, the
     * rest) and this JVM's (the platform, Kafka's broker and the Mongo-wire server run in it).
     */
    private record CpuTime(double machineMillis, double machineTotalMillis, double jvmMillis) {

        static CpuTime now() {
            double busy = 0;
            double all = 0;
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                double tick = 1000.0 / 100; // USER_HZ is 100 on Linux
                for (int i = 1; i < fields.length && i <= 8; i++) {
                    double value = Double.parseDouble(fields[i]) * tick;
                    all += value;
                    if (i != 4 && i != 5) { // idle, iowait
                        busy += value;
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                busy = Double.NaN;
            }
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return new CpuTime(busy, all, os.getProcessCpuTime() / 1e6);
        }

        CpuTime minus(CpuTime start) {
            return new CpuTime(machineMillis - start.machineMillis, machineTotalMillis - start.machineTotalMillis, jvmMillis - start.jvmMillis);
        }

        double machineBusyPercent() {
            return 100 * machineMillis / machineTotalMillis;
        }
    }

    /** Counts the platform's MongoDB commands by command and collection (a command listener on its client). */
    private static final class MongoCommands implements com.mongodb.event.CommandListener {
        private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> counts =
                new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void commandStarted(com.mongodb.event.CommandStartedEvent event) {
            String name = event.getCommandName();
            var target = event.getCommand().get(name);
            String collection = target != null && target.isString() ? target.asString().getValue() : "";
            counts.computeIfAbsent(name + " " + collection, k -> new java.util.concurrent.atomic.LongAdder()).increment();
            if ("update".equals(name) && "trackingtokens".equals(collection) && event.getCommand().get("updates") instanceof org.bson.BsonArray updates) {
                for (var update : updates) {
                    org.bson.BsonDocument change = update.asDocument().getDocument("u", new org.bson.BsonDocument());
                    org.bson.BsonDocument set = change.getDocument("$set", new org.bson.BsonDocument());
                    String kind = set.containsKey("token") ? "token stored" : set.containsKey("owner") ? "claim released" : "claim extended";
                    String processor = processorName(update.asDocument().get("q"));
                    tokenWrites.computeIfAbsent(kind + "  " + processor, k -> new java.util.concurrent.atomic.LongAdder()).increment();
                }
            }
        }

        /** Token writes by kind and processor. */
        final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> tokenWrites =
                new java.util.concurrent.ConcurrentHashMap<>();

        /** The processor a token filter names, wherever in the filter the driver put it. */
        private static String processorName(org.bson.BsonValue filter) {
            if (filter instanceof org.bson.BsonDocument document) {
                if (document.get("processorName") instanceof org.bson.BsonString named) {
                    return named.getValue();
                }
                for (var value : document.values()) {
                    String found = processorName(value);
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            } else if (filter instanceof org.bson.BsonArray array) {
                for (var value : array) {
                    String found = processorName(value);
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            }
            return "";
        }

        void reset() {
            counts.clear();
            tokenWrites.clear();
        }

        Map<String, Long> tokenWritesSnapshot() {
            Map<String, Long> copy = new java.util.HashMap<>();
            tokenWrites.forEach((k, v) -> copy.put(k, v.sum()));
            return copy;
        }

        Map<String, Long> snapshot() {
            Map<String, Long> copy = new java.util.HashMap<>();
            counts.forEach((k, v) -> copy.put(k, v.sum()));
            return copy;
        }
    }

    /** Waits until every streaming processor has handled the events stored so far. */
    private static void awaitCaughtUp(EventProcessingConfiguration processing, EventStore store, Duration atMost)
            throws InterruptedException {
        long head = store.createHeadToken().position().orElse(0);
        long deadline = System.nanoTime() + atMost.toNanos();
        long started = System.nanoTime();
        while (System.nanoTime() < deadline) {
            List<String> behind = new ArrayList<>();
            processing.eventProcessors().forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                    boolean caughtUp = !streaming.processingStatus().isEmpty() && streaming.processingStatus().values().stream()
                            .allMatch(status -> status.getCurrentPosition().orElse(Long.MIN_VALUE) >= head);
                    if (!caughtUp) {
                        behind.add(name);
                    }
                }
            });
            if (behind.isEmpty()) {
                say(String.format(Locale.ROOT, "Every processor caught up with the set-up (position %,d) after %.1f s", head,
                        (System.nanoTime() - started) / 1e9));
                Thread.sleep(1000);
                return;
            }
            Thread.sleep(250);
        }
        say("Some processors had not caught up with the set-up after " + atMost + "; timing anyway");
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
