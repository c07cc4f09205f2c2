package com.retailpulse.contracts.offer;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The draft's terms are now these. */
@Revision("1")
public record OfferUpdatedEvent(OfferId offerId, OfferTerms terms, Instant updatedAt) implements OfferEvent {
}
