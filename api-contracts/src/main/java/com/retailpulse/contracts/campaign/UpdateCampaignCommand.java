package com.retailpulse.contracts.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Replaces the plan of a draft. Refuses an unsound plan, naming each field. */
public record UpdateCampaignCommand(@TargetAggregateIdentifier CampaignId campaignId, CampaignPlan plan) {

    public UpdateCampaignCommand {
        Objects.requireNonNull(campaignId, "campaignId");
        CampaignPlan.requireSound(plan);
    }
}
