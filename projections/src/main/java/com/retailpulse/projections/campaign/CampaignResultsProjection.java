package com.retailpulse.projections.campaign;

import com.retailpulse.contracts.customer.CampaignHoldoutAssignedEvent;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.MessageClickedEvent;
import com.retailpulse.contracts.customer.MessageDeferredEvent;
import com.retailpulse.contracts.customer.MessageDeliveredEvent;
import com.retailpulse.contracts.customer.MessageFailedEvent;
import com.retailpulse.contracts.customer.MessageOpenedEvent;
import com.retailpulse.contracts.customer.MessageSuppressedEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the per-customer facts of campaigns (MongoDB {@link CampaignResults}) current from the customers'
 * own events: the holdout the dispatch recorded, each campaign message's decision and receipts, and the
 * orders placed after an assignment. Only customer events, so per-customer ordering is all it needs.
 */
@Component
@ProcessingGroup(CampaignResultsProjection.PROCESSING_GROUP)
public class CampaignResultsProjection {

    public static final String PROCESSING_GROUP = "campaign-results";
    /** The dispatch's message ids: {@code campaign:<campaign>:<customer>}. */
    private static final String CAMPAIGN_MESSAGE = MessageSource.CAMPAIGN + ":";

    private final CampaignResults results;

    public CampaignResultsProjection(CampaignResults results) {
        this.results = results;
    }

    @EventHandler
    void on(CampaignHoldoutAssignedEvent event) {
        results.heldOut(event.campaignId().value(), event.customerId().value(), event.assignedAt());
    }

    @EventHandler
    void on(MessageAcceptedEvent event) {
        MessageSource source = event.request().source();
        if (isCampaign(source)) {
            results.accepted(source.key(), event.customerId().value(), source.arm(), event.request().messageId().value(),
                    event.acceptedAt());
        }
    }

    @EventHandler
    void on(MessageSuppressedEvent event) {
        MessageSource source = event.source();
        if (isCampaign(source)) {
            results.suppressed(source.key(), event.customerId().value(), source.arm(), event.messageId().value(),
                    event.reason() == null ? null : event.reason().name(), event.suppressedAt());
        }
    }

    @EventHandler
    void on(MessageDeferredEvent event) {
        MessageSource source = event.request().source();
        if (isCampaign(source)) {
            results.deferred(source.key(), event.customerId().value(), source.arm(), event.request().messageId().value(),
                    event.deferredAt());
        }
    }

    @EventHandler
    void on(MessageDeliveredEvent event) {
        receipt(event.messageId(), "delivered");
    }

    @EventHandler
    void on(MessageOpenedEvent event) {
        receipt(event.messageId(), "opened");
    }

    @EventHandler
    void on(MessageClickedEvent event) {
        receipt(event.messageId(), "clicked");
    }

    @EventHandler
    void on(MessageFailedEvent event) {
        receipt(event.messageId(), "failed");
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        results.ordered(event.customerId().value(), event.orderId(), event.placedAt(), event.currency(), event.total());
    }

    @ResetHandler
    void reset() {
        results.clear();
    }

    private void receipt(MessageId messageId, String flag) {
        if (messageId.value().startsWith(CAMPAIGN_MESSAGE)) {
            results.receipt(messageId.value(), flag);
        }
    }

    private static boolean isCampaign(MessageSource source) {
        return source != null && MessageSource.CAMPAIGN.equals(source.kind()) && source.arm() != null;
    }
}
