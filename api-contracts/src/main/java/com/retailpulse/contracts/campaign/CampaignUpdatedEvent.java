package com.retailpulse.contracts.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The draft's plan, replaced. */
@Revision("1")
public record CampaignUpdatedEvent(CampaignId campaignId, CampaignPlan plan, Instant updatedAt) implements CampaignEvent {
}
