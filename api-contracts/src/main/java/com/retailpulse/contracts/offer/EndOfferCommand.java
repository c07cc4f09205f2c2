package com.retailpulse.contracts.offer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraws the offer for good: no issuing, no redeeming. Answers the state afterwards. */
public record EndOfferCommand(@TargetAggregateIdentifier OfferId offerId, String reason) {
}
