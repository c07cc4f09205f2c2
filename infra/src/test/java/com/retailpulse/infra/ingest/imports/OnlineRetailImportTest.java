package com.retailpulse.infra.ingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.infra.RetailPulseApplication;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.SharedData;
import com.retailpulse.infra.support.TestStackInitializer;
import com.retailpulse.infra.support.TestUsers;
import com.retailpulse.infra.support.TransactionImports;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance on real data: the UCI Online Retail file through the POS importer, with the published
 * figures (../shared/data/README.md) and RFM values checked against an independent calculation.
 */
@SpringBootTest(classes = RetailPulseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "retailpulse.local-stack.enabled=false",
                "retailpulse.kafka.ingest.enabled=false",
                "retailpulse.security.admin-password=" + TestUsers.ADMIN_PASSWORD,
                "retailpulse.security.ingest-key=" + TestUsers.INGEST_KEY,
                "retailpulse.rfm.initial-delay=1s",
                "retailpulse.rfm.refresh-interval=2s",
                // The data end on 2011-12-09: derive them as of the day after, not as fifteen years dormant.
                "retailpulse.clock.start=" + OnlineRetailImportTest.AS_OF})
@ContextConfiguration(initializers = TestStackInitializer.class)
// Its own application context: closed after this class so its processors stop competing for the CPU.
@DirtiesContext
class OnlineRetailImportTest {

    static final String AS_OF = "2011-12-10T00:00:00Z";
    private static final String FILE = "online-retail/online_retail_2010_2011.csv.gz";
    /**
     * The file has no categories. For the scenario segments a catalogue is made from the descriptions by
     * this keyword rule (docs/segments.md): the first matching category wins.
     */
    static final List<Map.Entry<String, java.util.regex.Pattern>> CATEGORY_RULES = List.of(
            Map.entry("seasonal", java.util.regex.Pattern.compile("\\b(CHRISTMAS|XMAS|ADVENT|EASTER|HALLOWEEN|VALENTINE)\\b")),
            Map.entry("mother_baby", java.util.regex.Pattern.compile("\\b(BABY|BABIES|CHILDRENS|CHILDREN'S|KIDS|NURSERY|DOLLY)\\b")),
            Map.entry("home_appliances", java.util.regex.Pattern.compile("\\b(CLOCK|LAMP|KETTLE|TOASTER|RADIO|FAN|HEATER|TORCH|NIGHT LIGHT)\\b")));

    @org.springframework.beans.factory.annotation.Autowired
    java.time.Clock clock;
    private static final List<String> CHECKED = List.of("12346", "12347", "12748", "13047", "14911", "17850", "18287");

    @LocalServerPort
    int port;

    @Test
    void the_online_retail_file_imports_with_the_published_figures_and_exact_rfm_values() throws Exception {
        Path file = SharedData.require(FILE);
        Api api = new Api(port);
        Api.Response catalogue = api.postText("/api/v1/catalogue/products", Api.admin(), "text/csv", catalogue(file));
        assertThat(catalogue.status()).as(catalogue.body()).isEqualTo(200);
        assertThat(catalogue.json().get("rejected")).isEmpty();
        long started = System.nanoTime();
        JsonNode status = TransactionImports.run(api, file, Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Online Retail import: %s rows in %.1f s = %.0f rows/s, %s invoices%n",
                status.get("rowsRead"), seconds, status.get("rowsRead").asLong() / seconds, status.get("invoicesRead"));

        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("COMPLETED");
        assertThat(status.get("rowsRead").asLong()).isEqualTo(541_909);
        assertThat(status.get("invoicesRead").asLong()).isEqualTo(25_900);
        assertThat(status.get("ordersRecorded").asLong() + status.get("cancellationsRecorded").asLong())
                .as("invoices with a customer").isEqualTo(22_190);
        assertThat(status.get("cancellationsRecorded").asLong()).isEqualTo(3_654);
        assertThat(status.get("customersSeen").asLong()).isEqualTo(4_372);
        assertThat(status.get("rowsImported").asLong() + status.get("rowsRejected").asLong()).isEqualTo(541_909);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(
                () -> api.get("/api/v1/customers/count", Api.admin()).json().get("count").asLong() == 4_372);

        Map<String, Expected> expected = independently(file);
        Map<String, int[]> scores = quintileScores(expected);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/tags/rfm", Api.admin()).json()
                .get("population").asLong() == scores.size());
        Instant now = clock.instant();
        for (String member : CHECKED) {
            Expected e = expected.get(member);
            String customerId = CustomerId.firstSeenAs(CustomerIdentifier.parse("member:" + member)).value();
            JsonNode profile = await().atMost(Duration.ofMinutes(2)).until(
                    () -> api.get("/api/v1/customers/" + customerId + "/profile", Api.admin()),
                    r -> r.status() == 200 && r.json().at("/orders/count").asLong() == e.orders.size()
                            && r.json().at("/orders/cancelled").asLong() == e.cancellations.size()).json();
            assertThat(profile.at("/rfm/frequency").asLong()).as("frequency of %s", member).isEqualTo(e.orders.size());
            assertThat(profile.at("/rfm/monetary").decimalValue()).as("monetary of %s", member)
                    .isEqualByComparingTo(e.revenue.subtract(e.refunded));
            assertThat(profile.at("/orders/refunded").decimalValue()).as("refunds of %s", member).isEqualByComparingTo(e.refunded);
            if (e.lastOrder != null) {
                assertThat(Instant.parse(profile.at("/orders/lastOrderAt").asText())).as("last order of %s", member).isEqualTo(e.lastOrder);
                long recency = Duration.between(e.lastOrder, now).toDays();
                assertThat(profile.at("/rfm/recencyDays").asLong()).as("recency of %s", member).isBetween(recency, recency + 1);
                int[] rfm = scores.get(member);
                assertThat(List.of(profile.at("/rfm/r").asInt(), profile.at("/rfm/f").asInt(), profile.at("/rfm/m").asInt()))
                        .as("R, F, M scores of %s", member).containsExactly(rfm[0], rfm[1], rfm[2]);
                assertThat(profile.at("/rfm/group").asText()).as("group of %s", member).isNotBlank();
            } else {
                assertThat(profile.at("/rfm/r").isMissingNode() || profile.at("/rfm/r").isNull()).isTrue();
            }
        }

        theCoreSegmentsHaveTheirRealSizes(api, expected);
    }

    /**
     * The eight preset segments installed on the imported history (docs/segments.md lists the sizes
     * printed here); two of them checked against a calculation straight from the CSV. This context
     * knows only the admin (who holds every role).
     */
    private void theCoreSegmentsHaveTheirRealSizes(Api api, Map<String, Expected> expected) {
        JsonNode presets = api.get("/api/v1/segments/presets", Api.admin()).json();
        assertThat(presets).hasSize(8);
        String lastBackfill = null;
        for (JsonNode preset : presets) {
            assertThat(preset.get("problems")).as(preset.toString()).isEmpty();
            Api.Response installed = api.postJson("/api/v1/segments/presets/" + preset.get("key").asText(), Api.admin(), "");
            assertThat(installed.status()).as(installed.body()).isEqualTo(200);
            lastBackfill = installed.json().at("/backfill/id").asText();
        }
        String backfill = lastBackfill;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(
                () -> api.get("/api/v1/tags/backfills/" + backfill, Api.admin()).json().get("status").asText(),
                "COMPLETED"::equals);
        Instant asOf = clock.instant();
        long highValueRepeat = expected.values().stream().filter(e -> e.orders.size() >= 3
                && e.revenue.subtract(e.refunded).compareTo(new BigDecimal("2000")) >= 0).count();
        long dormant = expected.values().stream().filter(e -> e.lastOrder != null
                && Duration.between(e.lastActivity, asOf).toDays() >= 180).count();
        // Counts are searches: they see the back-fill's last writes after the next index refresh (1 s).
        Map<String, Long> sizes = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, Long> read = new java.util.LinkedHashMap<>();
            for (JsonNode preset : presets) {
                String key = preset.get("key").asText();
                read.put(key, api.get("/api/v1/segments/" + key + "/members?sample=0", Api.admin()).json().get("count").asLong());
            }
            return read;
        }, read -> read.get("high_value_repeat") == highValueRepeat && read.get("dormant") == dormant);
        System.out.println("Core segments on Online Retail as of " + asOf + ": " + sizes);

        assertThat(sizes.values()).as("every core group has members in this history").allSatisfy(n -> assertThat(n).isPositive());
        // entries are recorded on the customers too, with the definition version
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> api.get(
                "/api/v1/segments/dormant/members?sample=0&asOf=" + clock.instant(), Api.admin()).json().get("count").asLong() == dormant);
    }

    /** sku,name,category CSV for the stock codes whose description matches a category rule. */
    private static String catalogue(Path file) throws Exception {
        Map<String, String[]> products = new java.util.TreeMap<>();
        try (Reader reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                String description = row.get("Description").toUpperCase(java.util.Locale.ROOT);
                for (var rule : CATEGORY_RULES) {
                    if (rule.getValue().matcher(description).find()) {
                        products.putIfAbsent(row.get("StockCode").trim(), new String[] {description, rule.getKey()});
                        break;
                    }
                }
            }
        }
        StringBuilder csv = new StringBuilder("sku,name,category\n");
        products.forEach((sku, p) -> csv.append(sku).append(",\"").append(p[0].replace("\"", "\"\"")).append("\",")
                .append(p[1]).append('\n'));
        System.out.println("Catalogue from descriptions: " + products.size() + " products, by category "
                + products.values().stream().collect(java.util.stream.Collectors.groupingBy(p -> p[1], java.util.TreeMap::new,
                java.util.stream.Collectors.counting())));
        return csv.toString();
    }

    /** What the profile must say, computed straight from the CSV, without the importer. */
    private static final class Expected {
        final Set<String> orders = new HashSet<>();
        final Set<String> cancellations = new HashSet<>();
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        Instant lastOrder;
        /** The last order or cancellation: both are activity. */
        Instant lastActivity;
    }

    /**
     * R, F, M quintile scores of every customer who ordered, by the rule in docs/tags.md:
     * cut points at the nearest ranks ⌈k·n/5⌉ of the sorted values, score = 1 + cut points exceeded.
     */
    private static Map<String, int[]> quintileScores(Map<String, Expected> all) {
        List<Map.Entry<String, Expected>> buyers = all.entrySet().stream().filter(e -> !e.getValue().orders.isEmpty()).toList();
        List<Instant> last = buyers.stream().map(e -> e.getValue().lastOrder).sorted().toList();
        List<Integer> freq = buyers.stream().map(e -> e.getValue().orders.size()).sorted().toList();
        List<BigDecimal> money = buyers.stream().map(e -> e.getValue().revenue.subtract(e.getValue().refunded)).sorted().toList();
        Map<String, int[]> scores = new HashMap<>();
        for (Map.Entry<String, Expected> e : buyers) {
            Expected x = e.getValue();
            scores.put(e.getKey(), new int[] {score(last, x.lastOrder), score(freq, x.orders.size()),
                    score(money, x.revenue.subtract(x.refunded))});
        }
        return scores;
    }

    private static <T extends Comparable<T>> int score(List<T> sorted, T value) {
        int exceeded = 0;
        for (int k = 1; k <= 4; k++) {
            if (value.compareTo(sorted.get((int) Math.ceil(k * sorted.size() / 5.0) - 1)) > 0) {
                exceeded++;
            }
        }
        return 1 + exceeded;
    }

    private static Map<String, Expected> independently(Path file) throws Exception {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        ZoneId london = ZoneId.of("Europe/London");
        Map<String, Expected> byMember = new HashMap<>();
        Map<String, Instant> firstRowTime = new HashMap<>();
        try (Reader reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                String member = row.get("CustomerID").replaceAll("\\.0$", "");
                if (member.isEmpty()) {
                    continue;
                }
                Expected e = byMember.computeIfAbsent(member, m -> new Expected());
                String invoice = row.get("InvoiceNo");
                BigDecimal amount = new BigDecimal(row.get("UnitPrice")).multiply(new BigDecimal(row.get("Quantity")));
                // An invoice is placed when its first row says (a few invoices span several minutes).
                Instant at = firstRowTime.computeIfAbsent(invoice,
                        i -> LocalDateTime.parse(row.get("InvoiceDate"), format).atZone(london).toInstant());
                e.lastActivity = e.lastActivity == null || at.isAfter(e.lastActivity) ? at : e.lastActivity;
                if (invoice.startsWith("C")) {
                    e.cancellations.add(invoice);
                    e.refunded = e.refunded.add(amount.negate());
                } else {
                    e.orders.add(invoice);
                    e.revenue = e.revenue.add(amount);
                    e.lastOrder = e.lastOrder == null || at.isAfter(e.lastOrder) ? at : e.lastOrder;
                }
            }
        }
        assertThat(byMember).hasSize(4_372).containsKeys(CHECKED.toArray(String[]::new));
        return byMember;
    }
}
