package com.retailpulse.contracts.offer;

import com.retailpulse.contracts.customer.CustomerId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A coupon of the offer now belongs to the customer, for the caller's issuance {@code issuanceId}. */
@Revision("1")
public record CouponIssuedEvent(OfferId offerId, CouponCode code, String issuanceId, CustomerId customerId, Instant validUntil,
                                Instant issuedAt) implements OfferEvent {
}
