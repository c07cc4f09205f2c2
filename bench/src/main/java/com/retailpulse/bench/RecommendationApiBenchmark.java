package com.retailpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.infra.RetailPulseApplication;
import com.retailpulse.infra.localstack.LocalStack;
import com.retailpulse.infra.localstack.Ports;
import org.HdrHistogram.Histogram;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * Recommendations served over the API: the platform imports Online Retail through its POS importer,
 * trains the recommendation model from its event store (POST /api/v1/models/recommendations/trainings),
 * then GET /api/v1/customers/{id}/recommendations?k=10 is timed over HTTP for the file's customers
 * (docs/benchmarks.md).
 *
 *   BENCH_MAIN=com.retailpulse.bench.RecommendationApiBenchmark bench/run-ingestion.sh [calls]
 */
public final class RecommendationApiBenchmark {

    private static final String ES_DIST = "elasticsearch/elasticsearch-8.19.21";
    private static final String FILE = "online-retail/online_retail_2010_2011.csv.gz";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecommendationApiBenchmark() {
    }

    public static void main(String[] args) {
        int code = 0;
        try {
            run(args);
        } catch (Exception e) {
            System.err.println("BENCHMARK FAILED: " + e);
            e.printStackTrace();
            code = 1;
        }
        // The application's processor threads are not all daemons; the run is over either way.
        System.exit(code);
    }

    private static void run(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        String shared = System.getenv().getOrDefault("RETAILPULSE_DATA", "../shared/data");
        Path file = Path.of(shared, FILE);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(file + " is absent: set RETAILPULSE_DATA to the shared data folder");
        }
        Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "retailpulse-recbench-" + ProcessHandle.current().pid());
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path esHome = Files.isDirectory(Path.of("infra", "target", ES_DIST)) ? Path.of("infra", "target", ES_DIST)
                : Path.of("..", "infra", "target", ES_DIST);
        say("Recommendation API benchmark: " + Runtime.getRuntime().availableProcessors() + " cores, load "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ", " + calls + " timed calls, revision "
                + System.getProperty("bench.revision", "?"));
        try (LocalStack stack = new LocalStack(new LocalStack.Settings(dataDir.resolve("stack"), "127.0.0.1",
                Ports.free(), Ports.free(), Ports.free(), "1g", esHome.toAbsolutePath()))) {
            stack.start();
            List<String> arguments = new ArrayList<>();
            stack.connectionProperties().forEach((key, value) -> arguments.add("--" + key + "=" + value));
            arguments.addAll(List.of("--retailpulse.local-stack.enabled=false", "--retailpulse.data-dir=" + dataDir.resolve("app"),
                    "--spring.data.mongodb.database=rp-recbench", "--server.port=0",
                    "--retailpulse.clock.start=2011-12-10T00:00:00Z",
                    "--retailpulse.security.admin-password=bench-admin-password", "--retailpulse.security.ingest-key=bench-ingest-key",
                    "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                    "--logging.level.com.retailpulse.infra.models=INFO"));
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RetailPulseApplication.class)
                    .run(arguments.toArray(String[]::new))) {
                String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
                HttpClient http = HttpClient.newHttpClient();
                String admin = "Basic " + Base64.getEncoder().encodeToString("admin:bench-admin-password".getBytes(StandardCharsets.UTF_8));

                long t0 = System.nanoTime();
                String boundary = UUID.randomUUID().toString();
                byte[] body = multipart(boundary, file);
                JsonNode accepted = send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/imports/transactions"))
                        .header("Authorization", admin).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
                String importId = accepted.get("importId").asText();
                JsonNode status;
                do {
                    Thread.sleep(2000);
                    status = send(http, get(base + "/api/v1/imports/" + importId, admin));
                } while ("RUNNING".equals(status.get("status").asText()) || "QUEUED".equals(status.get("status").asText()));
                say(String.format(Locale.ROOT, "Imported %s rows in %.0f s (%s)", status.get("rowsRead"), (System.nanoTime() - t0) / 1e9,
                        status.get("status").asText()));

                t0 = System.nanoTime();
                JsonNode training = send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/models/recommendations/trainings"))
                        .header("Authorization", admin).POST(HttpRequest.BodyPublishers.noBody()).build());
                String trainingId = training.get("id").asText();
                do {
                    Thread.sleep(2000);
                    training = send(http, get(base + "/api/v1/models/trainings/" + trainingId, admin));
                } while (training.get("status").asText().matches("QUEUED|RUNNING"));
                JsonNode versions = send(http, get(base + "/api/v1/models/recommendations", admin));
                say(String.format(Locale.ROOT, "Trained in %.0f s: %s", (System.nanoTime() - t0) / 1e9, versions.get(versions.size() - 1)));

                List<String> customers = customers(file);
                for (int i = 0; i < 500; i++) {
                    call(http, base, customers.get(i % customers.size()), admin);
                }
                Histogram latency = new Histogram(60_000_000L, 3);
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    call(http, base, customers.get(i % customers.size()), admin);
                    latency.recordValue((System.nanoTime() - start) / 1000);
                }
                say(String.format(Locale.ROOT, "GET /api/v1/customers/{id}/recommendations?k=10 over %d calls (%d customers): "
                                + "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms", calls, customers.size(),
                        latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(95) / 1000.0,
                        latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0));
            }
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void call(HttpClient http, String base, String customerId, String auth) throws Exception {
        HttpResponse<String> r = http.send(get(base + "/api/v1/customers/" + customerId + "/recommendations?k=10", auth),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("recommendations answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static HttpRequest get(String url, String auth) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).GET().build();
    }

    private static JsonNode send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static byte[] multipart(String boundary, Path file) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/gzip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(Files.readAllBytes(file));
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The platform's ids of the file's customers (name-based on the member identifier). */
    private static List<String> customers(Path file) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        try (var reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
            for (var row : org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader)) {
                String member = row.get("CustomerID").replaceAll("\\.0$", "");
                if (!member.isEmpty()) {
                    ids.add(CustomerId.firstSeenAs(CustomerIdentifier.parse("member:" + member)).value());
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
