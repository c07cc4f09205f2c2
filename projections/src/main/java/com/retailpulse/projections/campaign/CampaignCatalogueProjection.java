package com.retailpulse.projections.campaign;

import com.retailpulse.contracts.campaign.CampaignBatchDispatchedEvent;
import com.retailpulse.contracts.campaign.CampaignCompletedEvent;
import com.retailpulse.contracts.campaign.CampaignCreatedEvent;
import com.retailpulse.contracts.campaign.CampaignPausedEvent;
import com.retailpulse.contracts.campaign.CampaignResumedEvent;
import com.retailpulse.contracts.campaign.CampaignScheduledEvent;
import com.retailpulse.contracts.campaign.CampaignStartedEvent;
import com.retailpulse.contracts.campaign.CampaignState;
import com.retailpulse.contracts.campaign.CampaignTrafficReallocatedEvent;
import com.retailpulse.contracts.campaign.CampaignUpdatedEvent;
import com.retailpulse.contracts.campaign.CampaignWinnerDeclaredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Keeps the campaigns the API lists (plan, state, dispatch progress, traffic allocation; MongoDB) current. */
@Component
@ProcessingGroup(CampaignCatalogueProjection.PROCESSING_GROUP)
public class CampaignCatalogueProjection {

    public static final String PROCESSING_GROUP = "campaigns";

    private final CampaignCatalogue catalogue;

    public CampaignCatalogueProjection(CampaignCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @EventHandler
    void on(CampaignCreatedEvent event) {
        catalogue.created(event.campaignId().value(), event.plan(), event.createdAt());
    }

    @EventHandler
    void on(CampaignUpdatedEvent event) {
        catalogue.planned(event.campaignId().value(), event.plan(), event.updatedAt());
    }

    @EventHandler
    void on(CampaignScheduledEvent event) {
        catalogue.planned(event.campaignId().value(), event.plan(), event.scheduledAt());
        catalogue.state(event.campaignId().value(), CampaignState.SCHEDULED, "scheduledAt", event.scheduledAt());
    }

    @EventHandler
    void on(CampaignStartedEvent event) {
        catalogue.state(event.campaignId().value(), CampaignState.RUNNING, "startedAt", event.startedAt());
    }

    @EventHandler
    void on(CampaignPausedEvent event) {
        catalogue.state(event.campaignId().value(), CampaignState.PAUSED, "pausedAt", event.pausedAt());
    }

    @EventHandler
    void on(CampaignResumedEvent event) {
        catalogue.state(event.campaignId().value(), CampaignState.RUNNING, "resumedAt", event.resumedAt());
    }

    @EventHandler
    void on(CampaignCompletedEvent event) {
        catalogue.completed(event.campaignId().value(), event.reason(), event.completedAt());
    }

    @EventHandler
    void on(CampaignBatchDispatchedEvent event) {
        catalogue.batch(event);
    }

    @EventHandler
    void on(CampaignTrafficReallocatedEvent event) {
        catalogue.reallocated(event);
    }

    @EventHandler
    void on(CampaignWinnerDeclaredEvent event) {
        catalogue.winnerDeclared(event);
    }

    @ResetHandler
    void reset() {
        catalogue.clear();
    }
}
