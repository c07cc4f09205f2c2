package com.retailpulse.contracts.offer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a draft's terms; once active, an offer's terms are what customers were promised and stay. */
public record UpdateOfferCommand(@TargetAggregateIdentifier OfferId offerId, OfferTerms terms) {
}
