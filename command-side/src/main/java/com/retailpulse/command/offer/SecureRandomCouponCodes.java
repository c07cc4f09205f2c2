package com.retailpulse.command.offer;

import com.retailpulse.contracts.offer.CouponCode;

import java.security.SecureRandom;

/** Unguessable random parts: 50 bits each from the platform's strong random source. */
public final class SecureRandomCouponCodes implements CouponCodes {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String randomPart() {
        return CouponCode.randomPart(random);
    }
}
