package com.retailpulse.infra.campaigns;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.retailpulse.contracts.campaign.CampaignId;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.profile.SegmentMembers;
import com.retailpulse.sagas.campaign.CampaignAudience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A campaign's audience: the members of the plan's segments and of none of its excluded ones, read from
 * the {@code profiles} index page by page with the customer id as the cursor ({@link SegmentMembers}).
 */
final class ElasticsearchCampaignAudience implements CampaignAudience {

    private final SegmentMembers members;

    ElasticsearchCampaignAudience(ElasticsearchClient client, ProfileIndex profiles) {
        this.members = new SegmentMembers(client, profiles);
    }

    @Override
    public Page page(CampaignId campaign, List<String> segments, List<String> excludedSegments, String after, int size) {
        try {
            SegmentMembers.Page page = members.page(segments, excludedSegments, after, size);
            return new Page(page.customers(), page.exhausted());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audience of campaign " + campaign + " from " + members.index(), e);
        }
    }
}
