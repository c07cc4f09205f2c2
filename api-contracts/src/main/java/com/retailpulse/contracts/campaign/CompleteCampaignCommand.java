package com.retailpulse.contracts.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Ends a running or paused campaign for good, with the reason: one of the dispatch's own (constants
 * below) or a marketer's words.
 */
public record CompleteCampaignCommand(@TargetAggregateIdentifier CampaignId campaignId, String reason) {

    public static final String AUDIENCE_EXHAUSTED = "audience exhausted";
    public static final String PERIOD_ENDED = "period ended";
    public static final String BUDGET_SPENT = "budget spent";

    public CompleteCampaignCommand {
        Objects.requireNonNull(campaignId, "campaignId");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: required (why the campaign ends)");
        }
        if (reason.length() > 500) {
            throw new IllegalArgumentException("reason: at most 500 characters, got " + reason.length());
        }
    }
}
