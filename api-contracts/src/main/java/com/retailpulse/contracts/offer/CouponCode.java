package com.retailpulse.contracts.offer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A coupon code, e.g. {@code 7KQ2M9TX-4HW8ZP3RND5}: the offer's id, a dash, {@value #RANDOM_LENGTH}
 * random characters (50 bits from a {@code SecureRandom}: guessing a valid code of an offer with a
 * million coupons takes about 10⁹ tries) and one check character, so a mistyped code is told apart from
 * a guessed one before any lookup. Unique in the platform: the offer id is unique (the event store holds
 * one stream per id) and the offer never issues the same random part twice.
 */
public record CouponCode(@JsonValue String value) {

    public static final int RANDOM_LENGTH = 10;
    private static final int LENGTH = OfferId.LENGTH + 1 + RANDOM_LENGTH + 1;

    @JsonCreator
    public CouponCode {
        if (canonical(value).filter(c -> c.equals(value)).isEmpty()) {
            throw new IllegalArgumentException("not a coupon code: '" + value + "'");
        }
    }

    /** The code for a random part of an offer's coupon. */
    public static CouponCode of(OfferId offer, String random) {
        if (random == null || random.length() != RANDOM_LENGTH || !Base32.valid(random)) {
            throw new IllegalArgumentException("the random part must be " + RANDOM_LENGTH + " base-32 characters");
        }
        String body = offer.value() + random;
        return new CouponCode(offer.value() + "-" + random + check(body));
    }

    public static String randomPart(RandomGenerator random) {
        return Base32.random(random, RANDOM_LENGTH);
    }

    /**
     * Reads a code as a person may type it (lower case, without the dash, O for 0, I or L for 1). Empty when
     * it cannot be a code: wrong length, a character outside the alphabet, or a check character that does
     * not match.
     */
    public static Optional<CouponCode> parse(String text) {
        return canonical(text).map(CouponCode::new);
    }

    private static Optional<String> canonical(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = Base32.normalize(text);
        if (s.length() != LENGTH - 1 || !Base32.valid(s)) {
            return Optional.empty();
        }
        String body = s.substring(0, s.length() - 1);
        if (check(body) != s.charAt(s.length() - 1)) {
            return Optional.empty();
        }
        return Optional.of(body.substring(0, OfferId.LENGTH) + "-" + body.substring(OfferId.LENGTH) + s.charAt(s.length() - 1));
    }

    /** The offer that issued the coupon. */
    public OfferId offer() {
        return new OfferId(value.substring(0, OfferId.LENGTH));
    }

    /**
     * Position-weighted sum modulo 31 (a prime): any single wrong character and any swap of two
     * neighbours changes it, except the pair 0/Z, whose values differ by exactly 31.
     */
    private static char check(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (i + 1) * Base32.ALPHABET.indexOf(body.charAt(i));
        }
        return Base32.ALPHABET.charAt(sum % 31);
    }

    @Override
    public String toString() {
        return value;
    }
}
