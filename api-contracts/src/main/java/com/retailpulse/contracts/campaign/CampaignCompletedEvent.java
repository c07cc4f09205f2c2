package com.retailpulse.contracts.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The campaign ended for good, and why. */
@Revision("1")
public record CampaignCompletedEvent(CampaignId campaignId, String reason, Instant completedAt) implements CampaignEvent {
}
