package com.retailpulse.contracts.offer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates an offer as a draft. */
public record CreateOfferCommand(@TargetAggregateIdentifier OfferId offerId, OfferTerms terms) {
}
