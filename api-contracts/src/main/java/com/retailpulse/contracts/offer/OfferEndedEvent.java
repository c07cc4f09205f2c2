package com.retailpulse.contracts.offer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The offer and its coupons are withdrawn. */
@Revision("1")
public record OfferEndedEvent(OfferId offerId, String reason, Instant endedAt) implements OfferEvent {
}
