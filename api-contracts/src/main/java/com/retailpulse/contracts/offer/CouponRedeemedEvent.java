package com.retailpulse.contracts.offer;

import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.customer.CustomerId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The coupon was used on the order: the basket, the discount it gave and the gift, if any; the offer's
 * redemption number {@code number} (from 1).
 */
@Revision("1")
public record CouponRedeemedEvent(OfferId offerId, CouponCode code, CustomerId customerId, String orderId, Money basketTotal,
                                  Money discount, String giftSku, Instant redeemedAt, int number) implements OfferEvent {
}
