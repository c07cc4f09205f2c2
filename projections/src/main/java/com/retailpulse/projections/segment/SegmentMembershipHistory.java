package com.retailpulse.projections.segment;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Elasticsearch index of membership intervals: one document per stay of a customer in a segment
 * (entered, by which definition version; left, by which version), so "who was in segment S on
 * 1 November" and "which segments was customer X in then" are one range query each.
 */
public class SegmentMembershipHistory {

    /** One stay; {@code leftAt} null while it lasts. */
    public record Stay(String customerId, String segment, int enteredByVersion, Instant enteredAt, Integer leftByVersion,
                       Instant leftAt) {
    }

    public record Members(long count, List<String> sample) {
    }

    private final ElasticsearchClient client;
    private final String index;

    public SegmentMembershipHistory(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    public void ensureExists() {
        try {
            if (client.indices().exists(e -> e.index(index)).value()) {
                return;
            }
            Property keyword = Property.of(p -> p.keyword(k -> k));
            Property date = Property.of(p -> p.date(d -> d));
            Property integer = Property.of(p -> p.integer(i -> i));
            client.indices().create(c -> c.index(index).settings(s -> s.numberOfReplicas("0")).mappings(m -> m
                    .properties("customerId", keyword).properties("segment", keyword)
                    .properties("enteredByVersion", integer).properties("leftByVersion", integer)
                    .properties("enteredAt", date).properties("leftAt", date)));
        } catch (ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create index " + index, e);
        }
    }

    /** The same stay written twice (redelivery) is one document. */
    void entered(String customerId, String segment, int version, Instant at) {
        write(new Stay(customerId, segment, version, at, null, null));
    }

    void left(String customerId, String segment, int version, Instant enteredAt, Instant leftAt) {
        try {
            // Partial update: the entry version stays as recorded when the stay began.
            client.update(u -> u.index(index).id(id(customerId, segment, enteredAt))
                    .doc(new Exit(version, leftAt))
                    .upsert(new Stay(customerId, segment, 0, enteredAt, version, leftAt)), Stay.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record that " + customerId + " left " + segment, e);
        }
    }

    private record Exit(int leftByVersion, Instant leftAt) {
    }

    private void write(Stay stay) {
        try {
            client.index(i -> i.index(index).id(id(stay.customerId(), stay.segment(), stay.enteredAt())).document(stay));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record that " + stay.customerId() + " entered " + stay.segment(), e);
        }
    }

    /** The customer's stays that include {@code at}. */
    public List<Stay> ofCustomerAt(String customerId, Instant at) {
        return search(Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("customerId").value(customerId)))
                .filter(during(at)))), 1000).hits().hits().stream().map(h -> h.source()).toList();
    }

    /** Every stay of the customer, oldest first. */
    public List<Stay> ofCustomer(String customerId) {
        try {
            return client.search(s -> s.index(index).size(1000)
                            .query(q -> q.term(t -> t.field("customerId").value(customerId)))
                            .sort(so -> so.field(f -> f.field("enteredAt"))), Stay.class)
                    .hits().hits().stream().map(h -> h.source()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment history of " + customerId, e);
        }
    }

    /** How many customers were in the segment at {@code at}, and some of them. */
    public Members membersAt(String segment, Instant at, int sample) {
        var response = search(Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("segment").value(segment)))
                .filter(during(at)))), sample);
        return new Members(response.hits().total() == null ? 0 : response.hits().total().value(),
                response.hits().hits().stream().map(h -> h.source().customerId()).toList());
    }

    private static Query during(Instant at) {
        JsonData when = JsonData.of(at.toString());
        return Query.of(q -> q.bool(b -> b
                .filter(f -> f.range(r -> r.untyped(u -> u.field("enteredAt").lte(when))))
                .filter(f -> f.bool(o -> o.minimumShouldMatch("1")
                        .should(s -> s.bool(n -> n.mustNot(m -> m.exists(e -> e.field("leftAt")))))
                        .should(s -> s.range(r -> r.untyped(u -> u.field("leftAt").gt(when))))))));
    }

    private co.elastic.clients.elasticsearch.core.SearchResponse<Stay> search(Query query, int size) {
        try {
            return client.search(s -> s.index(index).size(size).trackTotalHits(t -> t.enabled(true)).query(query)
                    .sort(so -> so.field(f -> f.field("customerId"))), Stay.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment history", e);
        }
    }

    void deleteAll() {
        try {
            client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete index " + index, e);
        }
        ensureExists();
    }

    private static String id(String customerId, String segment, Instant enteredAt) {
        return customerId + "|" + segment + "|" + enteredAt.toEpochMilli();
    }
}
