package com.retailpulse.contracts.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The plan is fixed and dispatch is booked for its {@code sendAt}; carries the plan the dispatch follows. */
@Revision("1")
public record CampaignScheduledEvent(CampaignId campaignId, CampaignPlan plan, Instant scheduledAt) implements CampaignEvent {
}
