package com.retailpulse.contracts.offer;

import com.retailpulse.contracts.customer.CustomerId;

import java.time.Instant;

/** What issuing a coupon came to: the coupon (new, or the one this issuance id got before) or why not. */
public sealed interface CouponIssuance {

    /** @param replayed true when this issuance id had already been answered with this coupon */
    record Issued(CouponCode code, CustomerId customerId, String issuanceId, Instant validUntil, boolean replayed)
            implements CouponIssuance {
    }

    record Refused(Reason reason, String detail) implements CouponIssuance {
    }

    enum Reason {
        /** The offer is a draft, paused or ended. */
        OFFER_NOT_ACTIVE,
        /** Before {@code validFrom} or from {@code validUntil} on. */
        OUTSIDE_VALIDITY,
        /** Every coupon of the stock is issued. */
        OUT_OF_STOCK,
        /** The customer already holds {@code perCustomerLimit} coupons of the offer. */
        CUSTOMER_LIMIT_REACHED,
        /** The issuance id was used for another customer. */
        ISSUANCE_ID_REUSED
    }
}
