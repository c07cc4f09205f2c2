package com.retailpulse.contracts.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Stops sending after the batch in flight; the dispatch keeps its place in the audience. */
public record PauseCampaignCommand(@TargetAggregateIdentifier CampaignId campaignId) {

    public PauseCampaignCommand {
        Objects.requireNonNull(campaignId, "campaignId");
    }
}
