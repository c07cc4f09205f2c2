package com.retailpulse.contracts.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The variants' weights changed for the batches that follow: weights version {@code version} (the plan's
 * weights are version 0), variant key → weight (0: no new customers), why, and the tallies it was based on.
 */
@Revision("1")
public record CampaignTrafficReallocatedEvent(CampaignId campaignId, int version, Map<String, Integer> weights, String reason,
                                              List<CampaignArmTally> basedOn, Instant reallocatedAt) implements CampaignEvent {
}
