package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.campaign.CampaignId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The customer is in the holdout of a campaign: its dispatch decided at {@code assignedAt} to send them
 * nothing, so that the campaign's effect can be measured against them. Shows the auditor why the customer
 * got no message, and counts them in the holdout arm of the campaign's results.
 */
@Revision("1")
public record CampaignHoldoutAssignedEvent(CustomerId customerId, CampaignId campaignId, Instant assignedAt)
        implements CustomerEvent {
}
