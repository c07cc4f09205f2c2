package com.retailpulse.infra.campaigns;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.retailpulse.contracts.campaign.CampaignId;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.profile.SegmentQuery;
import com.retailpulse.sagas.campaign.CampaignAudience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's audience from the {@code profiles} index: customers whose {@code segments} hold any of the
 * plan's segments and none of its excluded ones, records merged into another left out, in ascending
 * customer id, one search per page with {@code search_after} the cursor. No point in time is kept between
 * pages: the cursor is a unique sort key, so a page asked for seconds or days later starts exactly after
 * the last customer decided, and sees membership as it is then.
 */
final class ElasticsearchCampaignAudience implements CampaignAudience {

    private final ElasticsearchClient client;
    private final ProfileIndex profiles;

    ElasticsearchCampaignAudience(ElasticsearchClient client, ProfileIndex profiles) {
        this.client = client;
        this.profiles = profiles;
    }

    @Override
    public Page page(CampaignId campaign, List<String> segments, List<String> excludedSegments, String after, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size: a page holds at least one customer, got " + size);
        }
        Query query = SegmentQuery.customersMatching(audience(segments, excludedSegments));
        try {
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audience of campaign " + campaign + " from " + profiles.name(), e);
        }
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
