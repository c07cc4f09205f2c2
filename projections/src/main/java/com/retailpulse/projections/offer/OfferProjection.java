package com.retailpulse.projections.offer;

import com.retailpulse.contracts.offer.CouponIssuedEvent;
import com.retailpulse.contracts.offer.CouponRedeemedEvent;
import com.retailpulse.contracts.offer.OfferActivatedEvent;
import com.retailpulse.contracts.offer.OfferCreatedEvent;
import com.retailpulse.contracts.offer.OfferEndedEvent;
import com.retailpulse.contracts.offer.OfferPausedEvent;
import com.retailpulse.contracts.offer.OfferState;
import com.retailpulse.contracts.offer.OfferUpdatedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Keeps the offers and coupons the API lists and looks up (MongoDB) current. */
@Component
@ProcessingGroup(OfferProjection.PROCESSING_GROUP)
public class OfferProjection {

    public static final String PROCESSING_GROUP = "offers";

    private final OfferCatalogue catalogue;

    public OfferProjection(OfferCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @EventHandler
    void on(OfferCreatedEvent event) {
        catalogue.created(event.offerId().value(), event.terms(), event.createdAt());
    }

    @EventHandler
    void on(OfferUpdatedEvent event) {
        catalogue.updated(event.offerId().value(), event.terms(), event.updatedAt());
    }

    @EventHandler
    void on(OfferActivatedEvent event) {
        catalogue.state(event.offerId().value(), OfferState.ACTIVE, event.activatedAt());
    }

    @EventHandler
    void on(OfferPausedEvent event) {
        catalogue.state(event.offerId().value(), OfferState.PAUSED, event.pausedAt());
    }

    @EventHandler
    void on(OfferEndedEvent event) {
        catalogue.state(event.offerId().value(), OfferState.ENDED, event.endedAt());
    }

    @EventHandler
    void on(CouponIssuedEvent event) {
        catalogue.issued(event);
    }

    @EventHandler
    void on(CouponRedeemedEvent event) {
        catalogue.redeemed(event);
    }

    @ResetHandler
    void reset() {
        catalogue.clear();
    }
}
