package com.retailpulse.contracts.campaign;

/** Every event of a campaign. */
public sealed interface CampaignEvent permits CampaignCreatedEvent, CampaignUpdatedEvent, CampaignScheduledEvent,
        CampaignStartedEvent, CampaignPausedEvent, CampaignResumedEvent, CampaignCompletedEvent, CampaignBatchDispatchedEvent,
        CampaignTrafficReallocatedEvent, CampaignWinnerDeclaredEvent {
    CampaignId campaignId();
}
