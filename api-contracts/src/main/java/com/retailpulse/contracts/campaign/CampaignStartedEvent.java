package com.retailpulse.contracts.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Dispatch began. */
@Revision("1")
public record CampaignStartedEvent(CampaignId campaignId, Instant startedAt) implements CampaignEvent {
}
