package com.retailpulse.contracts.offer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops issuing; coupons already issued stay redeemable. Answers the state afterwards. */
public record PauseOfferCommand(@TargetAggregateIdentifier OfferId offerId) {
}
