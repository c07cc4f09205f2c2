package com.retailpulse.contracts.campaign;

import com.retailpulse.contracts.common.Money;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;

/**
 * One dispatch batch: its number, the audience cursor after it, messages asked for per variant,
 * customers held out, its estimated cost and the campaign's total cost so far ({@code totalSpent} may
 * exceed the budget: money spent is recorded, the dispatch stops before it would).
 */
@Revision("1")
public record CampaignBatchDispatchedEvent(CampaignId campaignId, int batch, String cursor, Map<String, Integer> sentPerArm,
                                           int heldOut, Money spent, Money totalSpent, Instant recordedAt)
        implements CampaignEvent {
}
