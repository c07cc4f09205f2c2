package com.retailpulse.contracts.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A draft campaign with this plan. */
@Revision("1")
public record CampaignCreatedEvent(CampaignId campaignId, CampaignPlan plan, Instant createdAt) implements CampaignEvent {
}
