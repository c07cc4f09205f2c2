package com.retailpulse.command.offer;

/**
 * Where the random part of a coupon code comes from: injected into the offer's handler, so the aggregate
 * stays deterministic in tests and production draws from a {@code SecureRandom}.
 */
public interface CouponCodes {

    /** {@link com.retailpulse.contracts.offer.CouponCode#RANDOM_LENGTH} characters of Crockford base 32. */
    String randomPart();
}
