package com.retailpulse.contracts.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Drafts a campaign with this plan. Refuses an unsound plan, naming each field. */
public record CreateCampaignCommand(@TargetAggregateIdentifier CampaignId campaignId, CampaignPlan plan) {

    public CreateCampaignCommand {
        Objects.requireNonNull(campaignId, "campaignId");
        CampaignPlan.requireSound(plan);
    }
}
