package com.retailpulse.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.infra.localstack.LocalStack;
import com.retailpulse.infra.localstack.Ports;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.segment.SegmentSearch;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Live segment counts while a marketer edits: a count plus a 20-member sample for segment conditions
 * of the kind the presets use, against N synthetic profiles indexed with the real mapping
 * (docs/benchmarks.md). Measures what the editor's preview call does: SegmentSearch.preview.
 *
 *   BENCH_MAIN=com.retailpulse.bench.SegmentCountBenchmark bench/run-ingestion.sh [profiles] [queries]
 */
public final class SegmentCountBenchmark {

    private static final String ES_DIST = "elasticsearch/elasticsearch-8.19.21";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TIERS = {"high_value", "regular", "regular", "regular", "potential", "churned", "churned", "prospect"};
    private static final String[] STAGES = {"new", "active", "loyal", "at_risk", "churned", "prospect"};
    private static final String[] CATEGORIES = {"mother_baby", "home_appliances", "seasonal", "toys", "kitchen", "garden",
            "fashion", "beauty", "electronics", "food", "sports", "books"};
    private static final String[] WEEKDAYS = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"};

    /** Conditions of the shape marketers build: rules over value, lifecycle, activity windows, categories. */
    private static final List<String> CONDITIONS = List.of(
            """
            {"all": [{"field": "activity.order.total", "op": "gte", "value": 3}, {"field": "value.ltv", "op": "gte", "value": 2000}]}""",
            """
            {"all": [{"field": "lifecycle.stage", "op": "eq", "value": "new"}, {"any": [{"field": "value.aov", "op": "gte", "value": 200},
              {"activity": "view", "withinDays": 7, "atLeast": 3}]}]}""",
            """
            {"all": [{"field": "lifecycle.stage", "op": "eq", "value": "at_risk"}, {"field": "activity.order.total", "op": "gte", "value": 2}]}""",
            """
            {"all": [{"field": "activity.order.total", "op": "gte", "value": 2}, {"field": "value.averageUnitPrice", "op": "lte", "value": 2.5}]}""",
            """
            {"all": [{"field": "lifecycle.stage", "op": "eq", "value": "churned"}, {"field": "activity.order.total", "op": "gte", "value": 1}]}""",
            """
            {"field": "behaviour.preferredCategories", "op": "eq", "value": "mother_baby"}""",
            """
            {"all": [{"field": "behaviour.preferredCategories", "op": "in", "value": ["home_appliances", "kitchen"]},
              {"not": {"field": "value.tier", "op": "eq", "value": "churned"}}]}""",
            """
            {"any": [{"all": [{"field": "behaviour.preferredCategories", "op": "eq", "value": "seasonal"},
              {"field": "behaviour.weekendShare", "op": "gt", "value": 0.4}]}, {"activity": "cart_add", "withinDays": 30, "atLeast": 2},
              {"not": {"field": "lifecycle.active90d", "op": "eq", "value": true}}]}""");

    private SegmentCountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int profiles = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "retailpulse-segbench-" + ProcessHandle.current().pid());
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path esHome = Files.isDirectory(Path.of("infra", "target", ES_DIST)) ? Path.of("infra", "target", ES_DIST)
                : Path.of("..", "infra", "target", ES_DIST);
        say("Segment count benchmark: " + Runtime.getRuntime().availableProcessors() + " cores, load "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ", " + fmt(profiles) + " profiles, "
                + queries + " timed previews, revision " + System.getProperty("bench.revision", "?"));
        try (LocalStack stack = new LocalStack(new LocalStack.Settings(dataDir.resolve("stack"), "127.0.0.1",
                Ports.free(), Ports.free(), Ports.free(), System.getProperty("bench.es-heap", "2g"), esHome.toAbsolutePath()))) {
            stack.start();
            RestClient rest = RestClient.builder(HttpHost.create(stack.elasticsearch().address())).build();
            try (RestClientTransport transport = new RestClientTransport(rest, new JacksonJsonpMapper(
                    new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())))) {
                ElasticsearchClient es = new ElasticsearchClient(transport);
                ProfileIndex index = new ProfileIndex(es, "profiles", 0);
                index.ensureExists();
                long t0 = System.nanoTime();
                load(es, profiles);
                es.indices().refresh(r -> r.index("profiles"));
                es.indices().forcemerge(f -> f.index("profiles").maxNumSegments(5L));
                say(String.format(Locale.ROOT, "Indexed %s profiles in %.0f s", fmt(profiles), (System.nanoTime() - t0) / 1e9));
                measure(new SegmentSearch(es, index), queries);
            }
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(SegmentSearch search, int queries) throws Exception {
        List<TagCondition> conditions = new ArrayList<>();
        for (String c : CONDITIONS) {
            conditions.add(JSON.readValue(c, TagCondition.class));
        }
        for (int i = 0; i < conditions.size() * 5; i++) {
            search.preview(conditions.get(i % conditions.size()), 20); // warm-up: caches, JIT
        }
        Histogram all = new Histogram(60_000_000L, 3);
        List<Histogram> each = new ArrayList<>();
        conditions.forEach(c -> each.add(new Histogram(60_000_000L, 3)));
        long[] counts = new long[conditions.size()];
        for (int i = 0; i < queries; i++) {
            int k = i % conditions.size();
            long start = System.nanoTime();
            var preview = search.preview(conditions.get(k), 20);
            long micros = (System.nanoTime() - start) / 1000;
            all.recordValue(micros);
            each.get(k).recordValue(micros);
            counts[k] = preview.count();
        }
        for (int k = 0; k < conditions.size(); k++) {
            say(String.format(Locale.ROOT, "  condition %d: %,d members, p50 %.1f ms, p95 %.1f ms", k + 1, counts[k],
                    each.get(k).getValueAtPercentile(50) / 1000.0, each.get(k).getValueAtPercentile(95) / 1000.0));
        }
        say(String.format(Locale.ROOT, "Preview (count + 20 members) over %d calls: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                queries, all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(95) / 1000.0,
                all.getValueAtPercentile(99) / 1000.0, all.getMaxValue() / 1000.0));
    }

    /** Synthetic profiles with the distributions of a retail base: most never reorder, few spend a lot. */
    private static void load(ElasticsearchClient es, int profiles) throws Exception {
        Random r = new Random(42);
        int batch = 2000;
        for (int from = 0; from < profiles; from += batch) {
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            for (int i = from; i < Math.min(profiles, from + batch); i++) {
                String id = "c" + i;
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("customerId", id);
                doc.put("identifiers", List.of("member:" + i));
                doc.put("tags", tags(r));
                doc.put("segments", r.nextInt(4) == 0 ? List.of("preset_" + r.nextInt(8)) : List.of());
                bulk.operations(o -> o.index(x -> x.index("profiles").id(id).document(doc)));
            }
            var response = es.bulk(bulk.build());
            if (response.errors()) {
                throw new IllegalStateException("bulk failed: " + response.items().stream().filter(it -> it.error() != null)
                        .findFirst().map(it -> it.error().reason()).orElse("?"));
            }
            if ((from / batch) % 50 == 0) {
                say("  ... " + fmt(from + batch));
            }
        }
    }

    private static Map<String, Object> tags(Random r) {
        Map<String, Object> t = new LinkedHashMap<>();
        long orders = r.nextDouble() < 0.35 ? 0 : 1 + (long) Math.floor(-Math.log(1 - r.nextDouble()) * 2.5);
        double aov = orders == 0 ? 0 : Math.round(Math.exp(3.5 + r.nextGaussian() * 0.8) * 100) / 100.0;
        t.put("value.tier", TIERS[r.nextInt(TIERS.length)]);
        t.put("lifecycle.stage", orders == 0 ? "prospect" : STAGES[r.nextInt(STAGES.length - 1)]);
        t.put("lifecycle.daysSinceLastActivity", (long) r.nextInt(400));
        t.put("lifecycle.active30d", r.nextInt(3) == 0);
        t.put("lifecycle.active90d", r.nextInt(2) == 0);
        if (orders > 0) {
            t.put("activity.order.total", orders);
            t.put("value.ltv", Math.round(orders * aov * 100) / 100.0);
            t.put("value.aov", aov);
            t.put("value.averageUnitPrice", Math.round(Math.exp(1 + r.nextGaussian()) * 100) / 100.0);
            t.put("lifecycle.daysSinceLastOrder", (long) r.nextInt(400));
            List<String> cats = new ArrayList<>();
            for (int c = 0; c < 1 + r.nextInt(3); c++) {
                String cat = CATEGORIES[(int) Math.min(CATEGORIES.length - 1, Math.floor(-Math.log(1 - r.nextDouble()) * 3))];
                if (!cats.contains(cat)) {
                    cats.add(cat);
                }
            }
            t.put("behaviour.preferredCategories", cats);
        }
        for (String kind : new String[]{"view", "cart_add", "login", "page"}) {
            int total = r.nextInt(3) == 0 ? 0 : r.nextInt(60);
            if (total > 0) {
                t.put("activity." + kind + ".total", (long) total);
                long d365 = Math.min(total, r.nextInt(total + 1));
                long d90 = Math.min(d365, r.nextInt((int) d365 + 1));
                long d30 = Math.min(d90, r.nextInt((int) d90 + 1));
                long d7 = Math.min(d30, r.nextInt((int) d30 + 1));
                if (d365 > 0) t.put("activity." + kind + ".365d", d365);
                if (d90 > 0) t.put("activity." + kind + ".90d", d90);
                if (d30 > 0) t.put("activity." + kind + ".30d", d30);
                if (d7 > 0) t.put("activity." + kind + ".7d", d7);
            }
        }
        t.put("behaviour.weekendShare", Math.round(r.nextDouble() * 1000) / 1000.0);
        t.put("behaviour.preferredWeekday", WEEKDAYS[r.nextInt(WEEKDAYS.length)]);
        t.put("behaviour.preferredHour", (long) r.nextInt(24));
        t.put("member.isMember", r.nextBoolean());
        t.put("consent.sms.marketing", r.nextInt(3) > 0);
        return t;
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
