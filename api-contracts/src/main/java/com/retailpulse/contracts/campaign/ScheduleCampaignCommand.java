package com.retailpulse.contracts.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Fixes the draft's plan and books its dispatch at {@code sendAt}, which must not have passed. */
public record ScheduleCampaignCommand(@TargetAggregateIdentifier CampaignId campaignId) {

    public ScheduleCampaignCommand {
        Objects.requireNonNull(campaignId, "campaignId");
    }
}
