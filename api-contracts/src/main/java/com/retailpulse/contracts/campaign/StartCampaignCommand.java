package com.retailpulse.contracts.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Starts sending: the dispatch saga sends it at the plan's {@code sendAt}. */
public record StartCampaignCommand(@TargetAggregateIdentifier CampaignId campaignId) {

    public StartCampaignCommand {
        Objects.requireNonNull(campaignId, "campaignId");
    }
}
