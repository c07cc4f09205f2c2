package com.retailpulse.contracts.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Sends again from where the pause stopped, never to a customer twice. */
public record ResumeCampaignCommand(@TargetAggregateIdentifier CampaignId campaignId) {

    public ResumeCampaignCommand {
        Objects.requireNonNull(campaignId, "campaignId");
    }
}
