package com.retailpulse.contracts.offer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Coupons may be issued (within the validity window). */
@Revision("1")
public record OfferActivatedEvent(OfferId offerId, Instant activatedAt) implements OfferEvent {
}
