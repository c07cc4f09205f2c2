package com.retailpulse.contracts.offer;

/** Every event of an offer and its coupons. */
public sealed interface OfferEvent permits OfferCreatedEvent, OfferUpdatedEvent, OfferActivatedEvent, OfferPausedEvent,
        OfferEndedEvent, CouponIssuedEvent, CouponRedeemedEvent {
    OfferId offerId();
}
