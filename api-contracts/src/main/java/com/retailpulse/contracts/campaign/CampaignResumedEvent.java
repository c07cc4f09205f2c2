package com.retailpulse.contracts.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Dispatch goes on from where the pause stopped it. */
@Revision("1")
public record CampaignResumedEvent(CampaignId campaignId, Instant resumedAt) implements CampaignEvent {
}
