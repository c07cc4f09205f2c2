package com.retailpulse.contracts.offer;

import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.customer.CustomerId;

import java.time.Instant;

/** What redeeming a coupon came to: the discount and/or gift (new, or the order's earlier result) or why not. */
public sealed interface CouponRedemption {

    /** @param replayed true when this order had already redeemed the coupon with this result */
    record Redeemed(CouponCode code, CustomerId customerId, String orderId, Money basketTotal, Money discount, String giftSku,
                    Instant redeemedAt, boolean replayed) implements CouponRedemption {
    }

    record Refused(Reason reason, String detail) implements CouponRedemption {
    }

    enum Reason {
        /** No such coupon: unknown offer, a code this offer never issued, or a mistyped code. */
        UNKNOWN_CODE,
        /** The coupon was issued to another customer. */
        WRONG_CUSTOMER,
        /** Another order already redeemed it. */
        ALREADY_REDEEMED,
        NOT_YET_VALID,
        EXPIRED,
        /** The offer was ended: its coupons are withdrawn. */
        OFFER_ENDED,
        /** The basket is in another currency than the offer. */
        CURRENCY_MISMATCH,
        /** The basket reaches no threshold of the offer. */
        BELOW_THRESHOLD
    }
}
