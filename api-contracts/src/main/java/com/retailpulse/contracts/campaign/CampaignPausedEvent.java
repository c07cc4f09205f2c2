package com.retailpulse.contracts.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Dispatch stopped after the batch in flight; the place in the audience is kept. */
@Revision("1")
public record CampaignPausedEvent(CampaignId campaignId, Instant pausedAt) implements CampaignEvent {
}
