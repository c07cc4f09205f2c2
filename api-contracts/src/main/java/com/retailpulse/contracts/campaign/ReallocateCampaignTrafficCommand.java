package com.retailpulse.contracts.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * New relative weights for the variants of a running or paused {@link CampaignAllocation#THOMPSON}
 * campaign, for the batches that follow: variant key → weight 0–1000 (0: no new customers). Carries why
 * ({@code reason}) and what the decision was based on ({@code basedOn}, one tally per arm). Answers true
 * when recorded, false when the weights are those in force already.
 */
public record ReallocateCampaignTrafficCommand(@TargetAggregateIdentifier CampaignId campaignId, Map<String, Integer> weights,
                                               String reason, List<CampaignArmTally> basedOn) {

    public ReallocateCampaignTrafficCommand {
        Objects.requireNonNull(campaignId, "campaignId");
        if (weights == null || weights.isEmpty()) {
            throw new IllegalArgumentException("weights: required, one per variant");
        }
        weights.forEach((arm, weight) -> {
            if (arm == null || arm.isBlank()) {
                throw new IllegalArgumentException("weights: a variant key is blank");
            }
            if (weight == null || weight < 0 || weight > CampaignVariant.MAX_WEIGHT) {
                throw new IllegalArgumentException("weights." + arm + ": must be 0–" + CampaignVariant.MAX_WEIGHT + ", got " + weight);
            }
        });
        if (weights.values().stream().allMatch(w -> w == 0)) {
            throw new IllegalArgumentException("weights: at least one variant needs a weight above 0, got " + weights);
        }
        weights = new LinkedHashMap<>(weights);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: required (why the traffic moves)");
        }
        basedOn = basedOn == null ? List.of() : List.copyOf(basedOn);
    }
}
