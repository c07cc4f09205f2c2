/**
 * Offers and their coupons: threshold discounts with tiers, no-threshold vouchers and gifts; stock,
 * validity, per-customer limits; coupons issued idempotently (by the caller's issuance id) and redeemed
 * idempotently (by order id). One {@code Offer} aggregate owns all its coupons (docs/offers.md, ADR 0017).
 */
package com.retailpulse.contracts.offer;
