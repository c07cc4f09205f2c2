package com.retailpulse.projections.profile;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.tag.TagCondition;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The current members of segments, from the {@code profiles} index, page by page: customers whose
 * {@code segments} hold any of {@code segments} and none of {@code excludedSegments}, records merged into
 * another left out, in ascending customer id, one search per page with {@code search_after} the cursor. No
 * point in time is kept between pages: the cursor is a unique sort key, so a page asked for seconds or days
 * later starts exactly after the last customer handled, and sees membership as it is then. Campaign
 * audiences and scheduled journey triggers read their customers here.
 */
public final class SegmentMembers {

    /** Customers in ascending id order; {@code exhausted} when no customer follows the last of them. */
    public record Page(List<CustomerId> customers, boolean exhausted) {
        public Page {
            customers = List.copyOf(Objects.requireNonNull(customers, "customers"));
        }
    }

    private final ElasticsearchClient client;
    private final ProfileIndex profiles;

    public SegmentMembers(ElasticsearchClient client, ProfileIndex profiles) {
        this.client = client;
        this.profiles = profiles;
    }

    /** The index read, for messages. */
    public String index() {
        return profiles.name();
    }

    /** At most {@code size} members after the customer id {@code after} (null: from the first). */
    public Page page(List<String> segments, List<String> excludedSegments, String after, int size) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("size: a page holds at least one customer, got " + size);
        }
        Query query = SegmentQuery.customersMatching(audience(segments, excludedSegments));
        // One more than asked tells whether anyone follows the page.
        var response = client.search(s -> {
            s.index(profiles.name()).query(query).size(size + 1)
                    .source(src -> src.fetch(false))
                    .sort(so -> so.field(f -> f.field("customerId").order(SortOrder.Asc)));
            if (after != null) {
                s.searchAfter(FieldValue.of(after));
            }
            return s;
        }, ProfileDocument.class);
        List<CustomerId> customers = new ArrayList<>();
        for (var hit : response.hits().hits()) {
            if (customers.size() == size) {
                return new Page(customers, false);
            }
            customers.add(new CustomerId(hit.id())); // profiles are stored under the customer id
        }
        return new Page(customers, true);
    }

    static TagCondition audience(List<String> segments, List<String> excludedSegments) {
        TagCondition included = new TagCondition.Any(segments.stream().<TagCondition>map(TagCondition.InSegment::new).toList());
        if (excludedSegments.isEmpty()) {
            return included;
        }
        return new TagCondition.All(List.of(included,
                new TagCondition.Not(new TagCondition.Any(excludedSegments.stream().<TagCondition>map(TagCondition.InSegment::new).toList()))));
    }
}
