package com.retailpulse.contracts.offer;

/**
 * DRAFT (terms may change) → ACTIVE ⇄ PAUSED → ENDED. Coupons are issued only while ACTIVE and within
 * the validity window; they are redeemed while ACTIVE or PAUSED within it (a pause stops handing out
 * new coupons, not honouring the ones customers hold); ENDED withdraws the offer and its coupons.
 */
public enum OfferState {
    DRAFT, ACTIVE, PAUSED, ENDED
}
