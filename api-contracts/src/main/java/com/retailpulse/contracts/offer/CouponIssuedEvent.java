package com.retailpulse.contracts.offer;

import com.retailpulse.contracts.customer.CustomerId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A coupon of the offer now belongs to the customer, for the caller's issuance {@code issuanceId}. It is the
 * offer's coupon number {@code number} (from 1), so a read model can keep "issued" exact however often it
 * sees the event.
 */
@Revision("1")
public record CouponIssuedEvent(OfferId offerId, CouponCode code, String issuanceId, CustomerId customerId, Instant validUntil,
                                Instant issuedAt, int number) implements OfferEvent {
}
