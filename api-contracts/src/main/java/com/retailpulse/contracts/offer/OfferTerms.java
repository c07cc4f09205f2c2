package com.retailpulse.contracts.offer;

import com.retailpulse.contracts.common.Money;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an offer promises and within which bounds: the reward, how many coupons may exist ({@code stock}),
 * how many one customer may hold ({@code perCustomerLimit}), and when they may be issued and redeemed
 * ({@code validFrom} inclusive, {@code validUntil} exclusive). Checked by {@link #problems()} rather than
 * in the constructor, so that an event recorded under older rules can always be read again.
 */
public record OfferTerms(String name, String description, String currency, Reward reward, int stock, int perCustomerLimit,
                         Instant validFrom, Instant validUntil) {

    /**
     * One offer holds all its coupons (codes, owners, redemptions) in one aggregate; this bounds its
     * size (docs/offers.md, ADR 0017 give the measured load time). Larger campaigns split into offers.
     */
    public static final int MAX_STOCK = 100_000;

    /** Each problem as "field: what is wrong"; empty when the terms are sound. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name: required (shown to marketers and customers)");
        } else if (name.length() > 200) {
            problems.add("name: at most 200 characters");
        }
        if (description != null && description.length() > 2000) {
            problems.add("description: at most 2000 characters");
        }
        if (!Money.isCurrencyCode(currency)) {
            problems.add("currency: a 3-letter ISO-4217 code such as CNY or GBP is required, got " + quoted(currency));
        }
        if (reward == null) {
            problems.add("reward: required, with kind threshold, voucher or gift");
        } else {
            problems.addAll(reward.problems());
        }
        if (stock < 1 || stock > MAX_STOCK) {
            problems.add("stock: must be 1–" + MAX_STOCK + " coupons, got " + stock);
        }
        if (perCustomerLimit < 1) {
            problems.add("perCustomerLimit: must be at least 1, got " + perCustomerLimit);
        }
        if (validFrom == null) {
            problems.add("validFrom: required");
        }
        if (validUntil == null) {
            problems.add("validUntil: required");
        }
        if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
            problems.add("validUntil: must be after validFrom (" + validFrom + "), got " + validUntil);
        }
        return problems;
    }

    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && at.isBefore(validUntil);
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
