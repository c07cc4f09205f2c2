package com.retailpulse.contracts.campaign;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * An auto-winner campaign's experiment has a winner: from weights version {@code version} on, every
 * treated customer gets {@code winner} (the holdout share is unchanged). Carries the evidence: the control
 * it beat, its always-valid p-value, the threshold it had to reach, and the tallies.
 */
@Revision("1")
public record CampaignWinnerDeclaredEvent(CampaignId campaignId, int version, String winner, String control,
                                          double alwaysValidPValue, double threshold, List<CampaignArmTally> basedOn,
                                          Instant declaredAt) implements CampaignEvent {
}
