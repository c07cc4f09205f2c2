package com.retailpulse.contracts.campaign;

/** What a campaign is judged by; reports pick their primary metric from it. */
public enum CampaignGoal {
    CONVERSION, REVENUE, REACTIVATION, ENGAGEMENT
}
