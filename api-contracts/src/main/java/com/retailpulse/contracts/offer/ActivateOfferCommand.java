package com.retailpulse.contracts.offer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts (or resumes) issuing. Answers the state afterwards. */
public record ActivateOfferCommand(@TargetAggregateIdentifier OfferId offerId) {
}
