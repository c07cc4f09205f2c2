package com.retailpulse.projections.profile;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import com.retailpulse.projections.index.AliasedIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The {@code profiles} read model: its mapping and the reads and writes the profile projection needs.
 * Kept behind an {@link AliasedIndex} (ADR 0024): queries read the alias {@code <name>}, the projection and the
 * tag back-fills read and write {@code <name>-write}, so a rebuild by replay fills a new index while queries keep
 * reading the old one. A plain {@code <name>} index from before is adopted as the first version.
 * Writes carry the version the document was read at, so two writers cannot silently overwrite
 * each other (optimistic concurrency on seq_no/primary_term).
 */
public class ProfileIndex {

    private final ElasticsearchClient client;
    private final AliasedIndex index;
    /** Where queries read: the read alias, or one concrete index ({@link #on}). */
    private final String reads;
    /** Where documents are loaded to be changed and written: the write alias, or one concrete index. */
    private final String writes;

    public ProfileIndex(ElasticsearchClient client, String name, int replicas) {
        this(client, AliasedIndex.adoptingPlainIndex(client, name, replicas, ProfileIndex::mapping));
    }

    private ProfileIndex(ElasticsearchClient client, AliasedIndex index) {
        this(client, index, index.readAlias(), index.writeAlias());
    }

    private ProfileIndex(ElasticsearchClient client, AliasedIndex index, String reads, String writes) {
        this.client = client;
        this.index = index;
        this.reads = reads;
        this.writes = writes;
    }

    /** The versioned indexes and aliases behind the profiles, for rebuilds. */
    public AliasedIndex index() {
        return index;
    }

    /** What queries name: the read alias. */
    public String name() {
        return reads;
    }

    /**
     * The same operations on one concrete index for reads and writes alike: a pass over every profile (a
     * back-fill) stays on the index it started on even if a rebuild moves the aliases meanwhile.
     */
    public ProfileIndex on(String concreteIndex) {
        return new ProfileIndex(client, index, concreteIndex, concreteIndex);
    }

    /** Creates the first version with its aliases when missing, adopts a plain index of the name, adds new fields. */
    public void ensureExists() {
        index.ensureExists();
    }

    /** Drops every profile index and the aliases: scratch indexes of tests and benchmarks. */
    public void drop() {
        index.delete();
    }

    /**
     * Identity, order facts and every declared tag dimension are indexed with explicit types; the parts
     * (each record's own facts) and the attributes are stored for rebuilding and display, not indexed.
     */
    static TypeMapping mapping() {
        Property keyword = Property.of(p -> p.keyword(k -> k));
        Property date = Property.of(p -> p.date(d -> d));
        Property money = Property.of(p -> p.double_(d -> d));
        Property count = Property.of(p -> p.long_(l -> l));
        Property stored = Property.of(p -> p.object(o -> o.enabled(false)));
        TypeMapping.Builder m = new TypeMapping.Builder();
        m.properties("customerId", keyword)
                .properties("mergedInto", keyword)
                .properties("identifiers", keyword)
                .properties("firstSeenAt", date)
                .properties("orders", Property.of(p -> p.object(o -> o
                        .properties("count", count)
                        .properties("revenue", money)
                        .properties("currency", keyword)
                        .properties("averageOrderValue", money)
                        .properties("firstOrderAt", date)
                        .properties("lastOrderAt", date)
                        .properties("cancelled", count)
                        .properties("refunded", money))))
                .properties("segments", keyword)
                .properties("memberships", stored)
                .properties("attributes", stored)
                .properties("merges", stored)
                .properties("parts", stored)
                .properties("lastEventAt", date)
                .properties("updatedAt", date);
        Map<String, Property> tags = new java.util.LinkedHashMap<>();
        for (ProfileDimensions.Dimension d : ProfileDimensions.all()) {
            tags.put(d.name(), switch (d.type()) {
                case KEYWORD -> keyword;
                case LONG -> count;
                case DOUBLE -> money;
                case BOOLEAN -> Property.of(p -> p.boolean_(b -> b));
                case DATE -> date;
            });
        }
        // Dotted names map to nested objects in Elasticsearch: tags.value.ltv, tags.activity.view.7d, …
        m.properties("tags", Property.of(p -> p.object(o -> o.properties(tags))));
        // Scenario tags and catalogue-driven counts appear as definitions are added: typed by their values.
        m.dynamicTemplates(co.elastic.clients.util.NamedValue.of("scenario_flags",
                co.elastic.clients.elasticsearch._types.mapping.DynamicTemplate.of(t -> t
                        .pathMatch("tags.scenario.*").mapping(Property.of(p -> p.boolean_(b -> b))))));
        return m.build();
    }

    /** A stored document with the version it was read at. */
    public record Versioned(ProfileDocument document, Long seqNo, Long primaryTerm) {
        public boolean isNew() {
            return seqNo == null;
        }
    }

    public Optional<ProfileDocument> find(String customerId) {
        try {
            GetResponse<ProfileDocument> response = client.get(g -> g.index(reads).id(customerId), ProfileDocument.class);
            return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profile " + customerId, e);
        }
    }

    /** Reads many profiles at once; missing ones come back as new empty documents. */
    public Map<String, Versioned> load(Collection<String> customerIds) {
        try {
            MgetResponse<ProfileDocument> response = client.mget(m -> m.index(writes).ids(List.copyOf(customerIds)), ProfileDocument.class);
            Map<String, Versioned> loaded = new HashMap<>();
            for (MultiGetResponseItem<ProfileDocument> item : response.docs()) {
                if (item.isFailure()) {
                    throw new IllegalStateException("cannot read profile " + item.failure().id() + ": " + item.failure().error().reason());
                }
                var result = item.result();
                loaded.put(result.id(), result.found()
                        ? new Versioned(result.source(), result.seqNo(), result.primaryTerm())
                        : new Versioned(ProfileDocument.empty(result.id()), null, null));
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profiles", e);
        }
    }

    /** Writes the documents in one bulk request; fails (so the batch is retried) if any write failed. */
    public void write(Collection<Versioned> documents) {
        if (documents.isEmpty()) {
            return;
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (Versioned v : documents) {
            String id = v.document().customerId();
            if (v.isNew()) {
                bulk.operations(op -> op.create(c -> c.index(writes).id(id).document(v.document())));
            } else {
                bulk.operations(op -> op.index(i -> i.index(writes).id(id).document(v.document())
                        .ifSeqNo(v.seqNo()).ifPrimaryTerm(v.primaryTerm())));
            }
        }
        try {
            BulkResponse response = client.bulk(bulk.build());
            if (response.errors()) {
                String reasons = response.items().stream().filter(i -> i.error() != null)
                        .map(ProfileIndex::describe).limit(5).collect(Collectors.joining("; "));
                throw new IllegalStateException("profile writes failed, batch will be retried: " + reasons);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write profiles", e);
        }
    }

    /**
     * Writes the documents in one bulk request; those another writer changed since they were read are
     * left out and returned (to be read again), any other failure fails the whole call.
     */
    public List<String> writeSkippingConflicts(Collection<Versioned> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (Versioned v : documents) {
            bulk.operations(op -> op.index(i -> i.index(writes).id(v.document().customerId()).document(v.document())
                    .ifSeqNo(v.seqNo()).ifPrimaryTerm(v.primaryTerm())));
        }
        try {
            BulkResponse response = client.bulk(bulk.build());
            List<String> conflicted = new ArrayList<>();
            for (BulkResponseItem item : response.items()) {
                if (item.error() == null) {
                    continue;
                }
                if (item.status() == 409) {
                    conflicted.add(item.id());
                } else {
                    throw new IllegalStateException("profile write failed: " + describe(item));
                }
            }
            return conflicted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write profiles", e);
        }
    }

    private static String describe(BulkResponseItem item) {
        return item.id() + ": " + item.error().type() + " " + item.error().reason();
    }

    /** The raw RFM values of one customer with at least one order. */
    public record RfmValues(String customerId, Instant lastOrderAt, long frequency, BigDecimal monetary) {
    }

    /**
     * Every customer's raw RFM values, read with a point-in-time and search_after in pages, so the
     * whole population is seen consistently without deep paging.
     */
    public List<RfmValues> rfmValues() {
        try {
            String pit = client.openPointInTime(p -> p.index(reads).keepAlive(k -> k.time("1m"))).id();
            try {
                List<RfmValues> values = new ArrayList<>();
                List<co.elastic.clients.elasticsearch._types.FieldValue> after = null;
                while (true) {
                    final List<co.elastic.clients.elasticsearch._types.FieldValue> from = after;
                    var page = client.search(s -> {
                        s.pit(pt -> pt.id(pit).keepAlive(k -> k.time("1m"))).size(5_000)
                                .query(q -> q.bool(b -> b
                                        .filter(f -> f.range(r -> r.number(n -> n.field("orders.count").gte(1.0))))
                                        .mustNot(n -> n.exists(e -> e.field("mergedInto")))))
                                .source(src -> src.filter(f -> f.includes("customerId", "orders")))
                                .sort(so -> so.field(f -> f.field("_shard_doc")));
                        if (from != null) {
                            s.searchAfter(from);
                        }
                        return s;
                    }, ProfileDocument.class);
                    var hits = page.hits().hits();
                    for (var hit : hits) {
                        ProfileDocument.Orders o = hit.source().orders();
                        values.add(new RfmValues(hit.source().customerId(), o.lastOrderAt(), o.count(), o.netRevenue()));
                    }
                    if (hits.size() < 5_000) {
                        return values;
                    }
                    after = hits.get(hits.size() - 1).sort();
                }
            } finally {
                client.closePointInTime(c -> c.id(pit));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read RFM values", e);
        }
    }

    /** Customers in the index, leaving out records merged into another (as of the last refresh, at most a second behind). */
    /**
     * Every profile matching {@code query}, a page at a time, from one point in time taken after a
     * refresh, so a profile written just before is included. Pages hold only the {@code includes}
     * source fields (all when empty) minus {@code excludes}.
     *
     * @return profiles handed over
     */
    public long scan(Query query, int pageSize, List<String> includes, List<String> excludes,
                     Consumer<List<ProfileDocument>> page) {
        try {
            client.indices().refresh(r -> r.index(reads));
            String pit = client.openPointInTime(p -> p.index(reads).keepAlive(k -> k.time("5m"))).id();
            long seen = 0;
            try {
                List<FieldValue> after = null;
                while (true) {
                    final List<FieldValue> from = after;
                    var response = client.search(s -> {
                        s.pit(pt -> pt.id(pit).keepAlive(k -> k.time("5m"))).size(pageSize).query(query)
                                .source(src -> src.filter(f -> f.includes(includes).excludes(excludes)))
                                .sort(so -> so.field(f -> f.field("_shard_doc")));
                        if (from != null) {
                            s.searchAfter(from);
                        }
                        return s;
                    }, ProfileDocument.class);
                    var hits = response.hits().hits();
                    if (!hits.isEmpty()) {
                        page.accept(hits.stream().map(h -> h.source()).toList());
                        seen += hits.size();
                    }
                    if (hits.size() < pageSize) {
                        return seen;
                    }
                    after = hits.get(hits.size() - 1).sort();
                }
            } finally {
                client.closePointInTime(c -> c.id(pit));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read profiles of " + reads, e);
        }
    }

    public long count() {
        try {
            return client.count(c -> c.index(reads)
                    .query(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field("mergedInto")))))).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count profiles", e);
        }
    }

    /** Customers whose profile has {@code field} (e.g. {@code tags.scenario.summer_cooling}) equal to {@code value}. */
    public long countWhere(String field, boolean value) {
        try {
            return client.count(c -> c.index(reads).query(q -> q.bool(b -> b
                    .filter(f -> f.term(t -> t.field(field).value(value)))
                    .mustNot(n -> n.exists(e -> e.field("mergedInto")))))).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count profiles", e);
        }
    }
}
