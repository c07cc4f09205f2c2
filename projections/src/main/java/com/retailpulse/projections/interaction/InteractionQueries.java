package com.retailpulse.projections.interaction;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.FieldDateMath;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The dashboards' reads of the {@code interactions} index (through its read alias) and the profiles index:
 * Elasticsearch aggregations only — filter, date_histogram, terms, sum, cardinality, composite — so the
 * figures cost the same however many facts there are. docs/dashboards.md defines every figure.
 */
public class InteractionQueries {

    /** What a dashboard can be broken down by, and the field that holds it. */
    public enum Dimension {
        CHANNEL("channel"), CAMPAIGN("campaign"), JOURNEY("journey"), NODE("node"), VARIANT("variant"), ARM("arm"),
        SEGMENT("segments");

        private final String field;

        Dimension(String field) {
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public enum Interval {
        HOUR(CalendarInterval.Hour), DAY(CalendarInterval.Day);

        private final CalendarInterval calendar;

        Interval(CalendarInterval calendar) {
            this.calendar = calendar;
        }
    }

    /** Only facts of this campaign, journey and message channel, where given. */
    public record Filter(String campaign, String journey, String channel) {
    }

    /**
     * Counts and sums of one series in one time bucket (or over the whole range). {@code exposureByChannel}
     * splits the exposure by message channel, for costing messages.
     */
    public record Figures(long exposure, long delivered, long opened, long clicked, long failed, long suppressed, long converted,
                          double revenue, long couponsRedeemed, double couponCost, Map<String, Long> exposureByChannel) {
        static Figures of(Map<String, Long> counts, Map<String, Double> sums, Map<String, Long> byChannel) {
            return new Figures(counts.getOrDefault("exposure", 0L), counts.getOrDefault("delivered", 0L),
                    counts.getOrDefault("opened", 0L), counts.getOrDefault("clicked", 0L), counts.getOrDefault("failed", 0L),
                    counts.getOrDefault("suppressed", 0L), counts.getOrDefault("converted", 0L), sums.getOrDefault("converted", 0.0),
                    counts.getOrDefault("coupons", 0L), sums.getOrDefault("coupons", 0.0), byChannel);
        }
    }

    /** One series: the figures over the range and per time bucket (every bucket of the range, empty ones too). */
    public record Series(String key, Figures totals, Map<Instant, Figures> buckets) {
    }

    /** The whole: all facts as one series, and the top {@code by} keys each as a series of their own. */
    public record Marketing(Series all, List<Series> breakdown) {
    }

    /** A stage: the facts of {@code type} whose {@code timeField} falls in the range, and what is summed. */
    private record Stage(String name, String type, String timeField, String sumField, boolean inCurrency, boolean attributedOnly) {
    }

    private static final List<Stage> STAGES = List.of(
            new Stage("exposure", InteractionFacts.MESSAGE, "acceptedAt", null, false, false),
            new Stage("delivered", InteractionFacts.MESSAGE, "deliveredAt", null, false, false),
            new Stage("opened", InteractionFacts.MESSAGE, "openedAt", null, false, false),
            new Stage("clicked", InteractionFacts.MESSAGE, "clickedAt", null, false, false),
            new Stage("failed", InteractionFacts.MESSAGE, "failedAt", null, false, false),
            new Stage("suppressed", InteractionFacts.MESSAGE, "suppressedAt", null, false, false),
            new Stage("converted", InteractionFacts.ORDER, "placedAt", "revenue", true, true),
            new Stage("coupons", InteractionFacts.COUPON, "redeemedAt", "discount", true, false));

    private static final int CHANNELS = 20;

    private final ElasticsearchClient client;
    private final InteractionFacts facts;

    public InteractionQueries(ElasticsearchClient client, InteractionFacts facts) {
        this.client = client;
        this.facts = facts;
    }

    /** Marketing figures of facts in [from, to), in {@code interval} buckets in {@code zone}; revenue and coupons in {@code currency}. */
    public Marketing marketing(Instant from, Instant to, Interval interval, ZoneId zone, Dimension by, int top, Filter filter,
                               String currency) {
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        for (Stage stage : STAGES) {
            Map<String, Aggregation> inner = perBucket(stage, from, to, interval, zone);
            if (by != null) {
                inner.put("by", Aggregation.of(a -> a.terms(t -> t.field(by.field()).size(top))
                        .aggregations(perBucket(stage, from, to, interval, zone))));
            }
            aggs.put(stage.name(), Aggregation.of(a -> a.filter(stageFilter(stage, from, to, currency)).aggregations(inner)));
        }
        SearchResponse<Void> response = search(base(filter), aggs);

        SeriesBuilder all = new SeriesBuilder("all");
        Map<String, SeriesBuilder> keyed = new LinkedHashMap<>();
        for (Stage stage : STAGES) {
            Aggregate stageAgg = response.aggregations().get(stage.name());
            all.add(stage, stageAgg.filter().docCount(), stageAgg.filter().aggregations());
            if (by != null) {
                for (StringTermsBucket b : stageAgg.filter().aggregations().get("by").sterms().buckets().array()) {
                    keyed.computeIfAbsent(b.key().stringValue(), SeriesBuilder::new).add(stage, b.docCount(), b.aggregations());
                }
            }
        }
        List<Series> breakdown = keyed.values().stream().map(SeriesBuilder::build)
                .sorted(java.util.Comparator.comparingLong((Series s) -> -s.totals().exposure()).thenComparing(Series::key)).toList();
        return new Marketing(all.build(), breakdown);
    }

    private static Map<String, Aggregation> perBucket(Stage stage, Instant from, Instant to, Interval interval, ZoneId zone) {
        Map<String, Aggregation> sub = new LinkedHashMap<>();
        if (stage.sumField() != null) {
            sub.put("sum", Aggregation.of(a -> a.sum(s -> s.field(stage.sumField()))));
        }
        if (stage.name().equals("exposure")) {
            sub.put("channels", Aggregation.of(a -> a.terms(t -> t.field("channel").size(CHANNELS))));
        }
        Map<String, Aggregation> inner = new LinkedHashMap<>(sub);
        inner.put("time", Aggregation.of(a -> a.dateHistogram(h -> h.field(stage.timeField()).calendarInterval(interval.calendar)
                        .timeZone(zone.getId()).minDocCount(0)
                        .extendedBounds(e -> e.min(FieldDateMath.of(m -> m.value(from.toEpochMilli())))
                                .max(FieldDateMath.of(m -> m.value(to.toEpochMilli() - 1)))))
                .aggregations(sub)));
        return inner;
    }

    private static Query stageFilter(Stage stage, Instant from, Instant to, String currency) {
        return Query.of(q -> q.bool(b -> {
            b.filter(f -> f.term(t -> t.field("type").value(stage.type())));
            b.filter(f -> f.range(r -> r.date(d -> d.field(stage.timeField()).gte(from.toString()).lt(to.toString()))));
            if (stage.inCurrency()) {
                b.filter(f -> f.term(t -> t.field("currency").value(currency)));
            }
            if (stage.attributedOnly()) {
                b.filter(f -> f.term(t -> t.field("attributed").value(true)));
            }
            return b;
        }));
    }

    private static Query base(Filter filter) {
        return Query.of(q -> q.bool(b -> {
            if (filter.campaign() != null) {
                b.filter(f -> f.term(t -> t.field("campaign").value(filter.campaign())));
            }
            if (filter.journey() != null) {
                b.filter(f -> f.term(t -> t.field("journey").value(filter.journey())));
            }
            if (filter.channel() != null) {
                b.filter(f -> f.term(t -> t.field("channel").value(filter.channel())));
            }
            b.filter(f -> f.terms(t -> t.field("type").terms(v -> v.value(List.of(FieldValue.of(InteractionFacts.MESSAGE),
                    FieldValue.of(InteractionFacts.ORDER), FieldValue.of(InteractionFacts.COUPON))))));
            return b;
        }));
    }

    private SearchResponse<Void> search(Query query, Map<String, Aggregation> aggs) {
        try {
            return client.search(s -> s.index(facts.index().readAlias()).size(0).trackTotalHits(t -> t.enabled(false))
                    .query(query).aggregations(aggs), Void.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot query " + facts.index().readAlias(), e);
        }
    }

    /** Collects one series' figures stage by stage. */
    private static final class SeriesBuilder {
        private final String key;
        private final Map<String, Long> counts = new HashMap<>();
        private final Map<String, Double> sums = new HashMap<>();
        private final Map<String, Long> channels = new TreeMap<>();
        private final Map<Instant, Map<String, Long>> bucketCounts = new TreeMap<>();
        private final Map<Instant, Map<String, Double>> bucketSums = new TreeMap<>();
        private final Map<Instant, Map<String, Long>> bucketChannels = new TreeMap<>();

        SeriesBuilder(String key) {
            this.key = key;
        }

        void add(Stage stage, long docCount, Map<String, Aggregate> aggs) {
            counts.put(stage.name(), docCount);
            if (stage.sumField() != null) {
                sums.put(stage.name(), aggs.get("sum").sum().value());
            }
            if (aggs.containsKey("channels")) {
                aggs.get("channels").sterms().buckets().array().forEach(c -> channels.put(c.key().stringValue(), c.docCount()));
            }
            for (DateHistogramBucket b : aggs.get("time").dateHistogram().buckets().array()) {
                Instant start = Instant.ofEpochMilli(b.key());
                bucketCounts.computeIfAbsent(start, k -> new HashMap<>()).put(stage.name(), b.docCount());
                if (stage.sumField() != null) {
                    bucketSums.computeIfAbsent(start, k -> new HashMap<>()).put(stage.name(), b.aggregations().get("sum").sum().value());
                }
                if (b.aggregations().containsKey("channels")) {
                    Map<String, Long> perChannel = bucketChannels.computeIfAbsent(start, k -> new TreeMap<>());
                    b.aggregations().get("channels").sterms().buckets().array()
                            .forEach(c -> perChannel.put(c.key().stringValue(), c.docCount()));
                }
            }
        }

        Series build() {
            Map<Instant, Figures> buckets = new TreeMap<>();
            bucketCounts.forEach((start, c) -> buckets.put(start, Figures.of(c, bucketSums.getOrDefault(start, Map.of()),
                    bucketChannels.getOrDefault(start, Map.of()))));
            return new Series(key, Figures.of(counts, sums, channels), buckets);
        }
    }

    /** Lifetime value over the customers reached, from their profiles. */
    public record Ltv(long customersReached, long withHistoric, double historicSum, long withPredicted, double predictedSum) {
    }

    /**
     * The customers reached (exposed to a message in [from, to) matching {@code filter}), taken a page at a
     * time by a composite aggregation, and their profiles' historic LTV ({@code tags.value.ltv}) and predicted
     * 12-month value ({@code tags.score.ltv.expectedValue12m}) summed per page by the profiles index.
     */
    public Ltv ltv(Instant from, Instant to, Filter filter, String profilesIndex, int pageSize) {
        Query reached = Query.of(q -> q.bool(b -> b.filter(base(filter))
                .filter(f -> f.term(t -> t.field("type").value(InteractionFacts.MESSAGE)))
                .filter(f -> f.range(r -> r.date(d -> d.field("acceptedAt").gte(from.toString()).lt(to.toString()))))));
        long[] counts = new long[3];
        double[] sums = new double[2];
        eachPageOfCustomers(reached, pageSize, ids -> {
            counts[0] += ids.size();
            try {
                SearchResponse<Void> page = client.search(s -> s.index(profilesIndex).size(0)
                        .query(q -> q.terms(t -> t.field("customerId").terms(v -> v.value(ids.stream().map(FieldValue::of).toList()))))
                        .aggregations("historic", a -> a.sum(x -> x.field("tags.value.ltv")))
                        .aggregations("historicCount", a -> a.valueCount(x -> x.field("tags.value.ltv")))
                        .aggregations("predicted", a -> a.sum(x -> x.field("tags.score.ltv.expectedValue12m")))
                        .aggregations("predictedCount", a -> a.valueCount(x -> x.field("tags.score.ltv.expectedValue12m"))), Void.class);
                counts[1] += (long) page.aggregations().get("historicCount").valueCount().value();
                sums[0] += page.aggregations().get("historic").sum().value();
                counts[2] += (long) page.aggregations().get("predictedCount").valueCount().value();
                sums[1] += page.aggregations().get("predicted").sum().value();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the profiles index " + profilesIndex, e);
            }
        });
        return new Ltv(counts[0], counts[1], sums[0], counts[2], sums[1]);
    }

    private void eachPageOfCustomers(Query query, int pageSize, Consumer<List<String>> page) {
        Map<String, FieldValue> after = null;
        while (true) {
            final Map<String, FieldValue> from = after;
            SearchResponse<Void> response;
            try {
                response = client.search(s -> s.index(facts.index().readAlias()).size(0).query(query)
                        .aggregations("customers", a -> a.composite(c -> {
                            c.size(pageSize).sources(List.of(Map.of("customer",
                                    CompositeAggregationSource.of(x -> x.terms(t -> t.field("customerId"))))));
                            if (from != null) {
                                c.after(from);
                            }
                            return c;
                        })), Void.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot query " + facts.index().readAlias(), e);
            }
            var composite = response.aggregations().get("customers").composite();
            List<String> ids = new ArrayList<>();
            composite.buckets().array().forEach(b -> ids.add(b.key().get("customer").stringValue()));
            if (!ids.isEmpty()) {
                page.accept(ids);
            }
            if (ids.size() < pageSize || composite.afterKey() == null || composite.afterKey().isEmpty()) {
                return;
            }
            after = composite.afterKey();
        }
    }

    /** One store's row in the list: orders placed in it, their buyers and revenue in the asked currency. */
    public record StoreRow(String storeId, long orders, long customers, double revenue) {
    }

    public List<StoreRow> stores(String currency, int size) {
        SearchResponse<Void> response = search(Query.of(q -> q.term(t -> t.field("type").value(InteractionFacts.ORDER))),
                Map.of("stores", Aggregation.of(a -> a.terms(t -> t.field("storeId").size(size))
                        .aggregations("customers", x -> x.cardinality(c -> c.field("customerId")))
                        .aggregations("revenue", x -> x.filter(f -> f.term(t -> t.field("currency").value(currency)))
                                .aggregations("sum", s -> s.sum(m -> m.field("revenue")))))));
        return response.aggregations().get("stores").sterms().buckets().array().stream()
                .map(b -> new StoreRow(b.key().stringValue(), b.docCount(), b.aggregations().get("customers").cardinality().value(),
                        b.aggregations().get("revenue").filter().aggregations().get("sum").sum().value()))
                .toList();
    }

    /** A value and how many (customers or orders) have it. */
    public record Share(String value, long count) {
    }

    /**
     * What the customers of one store (who placed at least one order there) are like, and what is bought there.
     * Empty lists and zeros when the store has no facts.
     */
    public record StoreFacts(String storeId, long customers, long homeCustomers, long alsoOnline, long onlyInStore,
                             long engagedWithMessages, List<Share> categoriesBought, List<Share> segments, List<Share> orderChannels,
                             List<Share> messageChannels, long orders, double revenue, List<Share> categoriesBoughtHere,
                             List<Share> orderChannelsHere) {
    }

    public StoreFacts store(String storeId, String currency, int top) {
        Query customers = Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("type").value(InteractionFacts.CUSTOMER)))
                .filter(f -> f.term(t -> t.field("stores").value(storeId)))));
        Query orders = Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("type").value(InteractionFacts.ORDER)))
                .filter(f -> f.term(t -> t.field("storeId").value(storeId)))));
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put("customers", Aggregation.of(a -> a.filter(customers)
                .aggregations("home", x -> x.filter(f -> f.term(t -> t.field("homeStore").value(storeId))))
                .aggregations("online", x -> x.filter(f -> f.range(r -> r.number(n -> n.field("onlineOrders").gte(1.0)))))
                .aggregations("engaged", x -> x.filter(f -> f.exists(e -> e.field("engagedChannels"))))
                .aggregations("categories", x -> x.terms(t -> t.field("categories").size(top)))
                .aggregations("segments", x -> x.terms(t -> t.field("segments").size(top)))
                .aggregations("orderChannels", x -> x.terms(t -> t.field("orderChannels").size(top)))
                .aggregations("messageChannels", x -> x.terms(t -> t.field("engagedChannels").size(top)))));
        aggs.put("orders", Aggregation.of(a -> a.filter(orders)
                .aggregations("revenue", x -> x.filter(f -> f.term(t -> t.field("currency").value(currency)))
                        .aggregations("sum", s -> s.sum(m -> m.field("revenue"))))
                .aggregations("categories", x -> x.terms(t -> t.field("categories").size(top)))
                .aggregations("orderChannels", x -> x.terms(t -> t.field("orderChannel").size(top)))));
        SearchResponse<Void> response = search(Query.of(q -> q.bool(b -> b.should(customers).should(orders).minimumShouldMatch("1"))),
                aggs);
        var c = response.aggregations().get("customers").filter();
        var o = response.aggregations().get("orders").filter();
        long customerCount = c.docCount();
        long online = c.aggregations().get("online").filter().docCount();
        return new StoreFacts(storeId, customerCount, c.aggregations().get("home").filter().docCount(), online, customerCount - online,
                c.aggregations().get("engaged").filter().docCount(), shares(c.aggregations().get("categories")),
                shares(c.aggregations().get("segments")), shares(c.aggregations().get("orderChannels")),
                shares(c.aggregations().get("messageChannels")), o.docCount(),
                o.aggregations().get("revenue").filter().aggregations().get("sum").sum().value(),
                shares(o.aggregations().get("categories")), shares(o.aggregations().get("orderChannels")));
    }

    private static List<Share> shares(Aggregate terms) {
        return terms.sterms().buckets().array().stream().map(b -> new Share(b.key().stringValue(), b.docCount())).toList();
    }
}
