package com.retailpulse.contracts.offer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A draft offer with these terms. */
@Revision("1")
public record OfferCreatedEvent(OfferId offerId, OfferTerms terms, Instant createdAt) implements OfferEvent {
}
