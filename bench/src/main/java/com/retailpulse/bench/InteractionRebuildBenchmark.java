package com.retailpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.RecordConsentCommand;
import com.retailpulse.contracts.customer.RecordMessageReceiptCommand;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.contracts.message.ReceiptKind;
import com.retailpulse.infra.RetailPulseApplication;
import com.retailpulse.infra.localstack.LocalStack;
import com.retailpulse.infra.localstack.Ports;
import com.retailpulse.projections.interaction.InteractionQueries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Replay throughput of the interactions read model (ADR 0024, docs/benchmarks.md): fills the event store with
 * {@code customers} customers' consent, order, campaign message (delivered by the inbox adapter), open and
 * order after it, waits until the interaction-facts projection has caught up, then rebuilds it {@code rounds}
 * times through the replay API ({@code POST /api/v1/admin/replays/interaction-facts}) and times each rebuild
 * from the request to the alias switch. Events/s = events in the store (every one is read by the replay,
 * handled or not) ÷ that time. Each rebuild must answer the same dashboard totals as before.
 * <pre>BENCH_MAIN=com.retailpulse.bench.InteractionRebuildBenchmark bench/run-ingestion.sh [customers] [rounds]</pre>
 */
public final class InteractionRebuildBenchmark {

    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InteractionRebuildBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dataDir = IngestionBenchmark.defaultDataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        say("Interactions rebuild benchmark: " + IngestionBenchmark.Machine.current().describe() + ", load average "
                + IngestionBenchmark.Machine.load() + "; " + customers + " customers, " + rounds + " rebuilds, revision "
                + System.getProperty("bench.revision", "?"));
        LocalStack stack = new LocalStack(new LocalStack.Settings(dataDir.resolve("stack"), "127.0.0.1",
                Ports.free(), Ports.free(), Ports.free(), "1g", IngestionBenchmark.elasticsearchHome(null)));
        ConfigurableApplicationContext app = null;
        int exit = 1;
        try {
            stack.start();
            List<String> appArgs = new ArrayList<>();
            stack.connectionProperties().forEach((key, value) -> appArgs.add("--" + key + "=" + value));
            appArgs.addAll(List.of("--retailpulse.local-stack.enabled=false", "--retailpulse.data-dir=" + dataDir.resolve("app"),
                    "--server.port=0", "--retailpulse.security.admin-password=" + ADMIN_PASSWORD,
                    "--retailpulse.security.ingest-key=bench-ingest-key", "--spring.main.banner-mode=off",
                    "--retailpulse.messaging.quiet-hours.from=00:00", "--retailpulse.messaging.quiet-hours.until=00:00",
                    // the completion check runs every 200 ms instead of every second, so the switch follows the replay closely
                    "--retailpulse.rebuilds.check-interval=200ms",
                    "--logging.level.root=WARN"));
            app = new SpringApplicationBuilder(RetailPulseApplication.class).run(appArgs.toArray(String[]::new));
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            CommandGateway commands = app.getBean(CommandGateway.class);
            EventStore store = app.getBean(EventStore.class);
            InteractionQueries queries = app.getBean(InteractionQueries.class);

            long t0 = System.nanoTime();
            fill(commands, customers);
            long head = store.createHeadToken().position().orElse(0);
            say(String.format(Locale.ROOT, "Stored %,d events in %.0f s (untimed set-up)", head, (System.nanoTime() - t0) / 1e9));
            Supplier<InteractionQueries.Figures> totals = () -> queries.marketing(Instant.parse("2026-01-01T00:00:00Z"),
                    Instant.now().plus(Duration.ofDays(1)), InteractionQueries.Interval.DAY, ZoneOffset.UTC, null, 1,
                    new InteractionQueries.Filter("bench", null, null), "CNY").all().totals();
            InteractionQueries.Figures expected = waitFor(() -> {
                InteractionQueries.Figures f = totals.get();
                return f.delivered() == customers && f.opened() == customers && f.converted() == customers ? f : null;
            }, Duration.ofMinutes(30));
            say("Projected: " + expected);

            List<Double> rates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                long events = store.createHeadToken().position().orElse(0);
                long start = System.nanoTime();
                JsonNode started = admin(base, "POST");
                if (!started.at("/rebuild/rebuilding").asBoolean()) {
                    throw new IllegalStateException("the rebuild did not start: " + started);
                }
                String target = started.at("/rebuild/writeIndex").asText();
                JsonNode done = waitFor(() -> {
                    JsonNode status = admin(base, "GET");
                    return status.at("/rebuild/rebuilding").asBoolean() ? null : status;
                }, Duration.ofMinutes(30));
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!done.at("/rebuild/readIndex").asText().equals(target)) {
                    throw new IllegalStateException("queries read " + done.at("/rebuild/readIndex") + ", not the rebuilt " + target);
                }
                InteractionQueries.Figures after = waitFor(() -> {
                    InteractionQueries.Figures f = totals.get();
                    return f.equals(expected) ? f : null;
                }, Duration.ofSeconds(10));
                double rate = events / seconds;
                rates.add(rate);
                say(String.format(Locale.ROOT, "Rebuild %d into %s: %,d events in %.2f s = %,.0f events/s (same totals: %s)",
                        round, target, events, seconds, rate, after.equals(expected)));
            }
            List<Double> sorted = rates.stream().sorted().toList();
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            say(String.format(Locale.ROOT, "RESULT interactions rebuild: median %,.0f events/s over %d rebuilds of %,d events; "
                    + "load average %s", median, rounds, head, IngestionBenchmark.Machine.load()));
            exit = 0;
        } finally {
            if (app != null) {
                app.close();
            }
            stack.close();
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(exit);
    }

    /**
     * Per customer: consent (which creates them), an order two days ago in a store, a campaign message on the
     * inbox (the inbox adapter records its delivery), an open, and an order a minute after the message.
     */
    private static void fill(CommandGateway commands, int customers) throws InterruptedException {
        Semaphore inFlight = new Semaphore(64);
        Instant earlier = Instant.now().minus(Duration.ofDays(2));
        List<OrderLine> lines = List.of(new OrderLine("BENCH-TEA", "Tea", 1, new BigDecimal("10.00")));
        for (int n = 0; n < customers; n++) {
            int i = n;
            CustomerIdentifier member = CustomerIdentifier.parse("member:IR-" + i);
            CustomerId customer = CustomerId.firstSeenAs(member);
            MessageId messageId = new MessageId("bench:" + i);
            String store = "store-" + (i % 20);
            String variant = i % 2 == 0 ? "a" : "b";
            inFlight.acquire();
            CompletableFuture<Object> chain = commands.send(new RecordConsentCommand(customer, member,
                            new ConsentStatement(ConsentChannel.IN_APP, ConsentPurpose.MARKETING, true, earlier), "bench"))
                    .thenCompose(r -> commands.send(new RecordOrderCommand(customer, member, "seed-" + i, earlier, "CNY", lines, "pos", store)))
                    .thenCompose(r -> commands.send(new DeliverMessageCommand(customer, new MessageRequest(messageId, Channel.INBOX, "Tea",
                            "New teas", null, null, new MessageSource(MessageSource.CAMPAIGN, "bench", 1, "bench", variant, variant), 50))))
                    .thenCompose(r -> commands.send(new RecordMessageReceiptCommand(customer, messageId, Channel.INBOX, ReceiptKind.OPENED,
                            "bench", Instant.now())));
            chain.whenComplete((r, e) -> {
                inFlight.release();
                if (e != null) {
                    System.err.println("set-up of customer " + customer + " failed: " + e);
                }
            });
        }
        inFlight.acquire(64);
        inFlight.release(64);
        // the order after the message, once the inbox adapter has recorded the delivery
        Thread.sleep(5_000);
        for (int i = 0; i < customers; i++) {
            CustomerIdentifier member = CustomerIdentifier.parse("member:IR-" + i);
            inFlight.acquire();
            commands.send(new RecordOrderCommand(CustomerId.firstSeenAs(member), member, "after-" + i, Instant.now(), "CNY",
                    List.of(new OrderLine("BENCH-CUP", "Cup", 2, new BigDecimal("15.00"))), "app", null))
                    .whenComplete((r, e) -> inFlight.release());
        }
        inFlight.acquire(64);
        inFlight.release(64);
    }

    private static JsonNode admin(String base, String method) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/replays/interaction-facts"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                            .getBytes(StandardCharsets.UTF_8)))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " replay: " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> T waitFor(Supplier<T> check, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            T value = check.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not reached within " + atMost);
    }

    private static void say(String message) {
        System.out.println(message);
        System.out.flush();
    }
}
