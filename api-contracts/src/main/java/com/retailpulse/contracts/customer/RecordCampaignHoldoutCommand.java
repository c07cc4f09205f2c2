package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.campaign.CampaignId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Records that a campaign's dispatch put the customer in its holdout: they get no message from it. Sent
 * by the dispatch for each held-out customer it decides; answers true when recorded, false when the
 * customer was held out of this campaign before (a re-run batch).
 */
public record RecordCampaignHoldoutCommand(@TargetAggregateIdentifier CustomerId customerId, CampaignId campaignId) {

    public RecordCampaignHoldoutCommand {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(campaignId, "campaignId");
    }
}
