package com.retailpulse.contracts.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Objects;

/**
 * The experiment of a running or paused {@link CampaignAllocation#AUTO_WINNER} campaign has a winner:
 * {@code winner} beat {@code control} on conversion with an always-valid p-value of
 * {@code alwaysValidPValue}, at most {@code threshold} (α divided by the number of variants compared).
 * From then on every treated customer gets the winner. A campaign declares one winner at most: answers
 * true when recorded, false when this winner was declared before.
 */
public record DeclareCampaignWinnerCommand(@TargetAggregateIdentifier CampaignId campaignId, String winner, String control,
                                           double alwaysValidPValue, double threshold, List<CampaignArmTally> basedOn) {

    public DeclareCampaignWinnerCommand {
        Objects.requireNonNull(campaignId, "campaignId");
        if (winner == null || winner.isBlank()) {
            throw new IllegalArgumentException("winner: required (a variant key)");
        }
        if (control == null || control.isBlank()) {
            throw new IllegalArgumentException("control: required (the arm the winner beat)");
        }
        if (!(alwaysValidPValue >= 0 && alwaysValidPValue <= 1)) {
            throw new IllegalArgumentException("alwaysValidPValue: must be 0–1, got " + alwaysValidPValue);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold: must be above 0 and below 1, got " + threshold);
        }
        if (alwaysValidPValue > threshold) {
            throw new IllegalArgumentException("alwaysValidPValue: " + alwaysValidPValue + " is above the threshold " + threshold
                    + "; not a winner");
        }
        basedOn = basedOn == null ? List.of() : List.copyOf(basedOn);
    }
}
