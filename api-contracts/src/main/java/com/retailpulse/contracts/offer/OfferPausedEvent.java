package com.retailpulse.contracts.offer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** No new coupons; issued ones stay redeemable. */
@Revision("1")
public record OfferPausedEvent(OfferId offerId, Instant pausedAt) implements OfferEvent {
}
