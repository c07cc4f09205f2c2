package com.retailpulse.privacy;

import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Phone numbers and e-mail addresses are how sources know a customer, yet they must not sit in
 * events in clear. Normalised, then keyed-hashed (HMAC-SHA256 with a secret of the platform),
 * they become stable tokens: the same phone written two ways gives the same token, and without
 * the secret a token cannot be checked against a guessed number.
 */
public final class IdentifierPseudonymizer {

    private static final Pattern PHONE_CHARACTERS = Pattern.compile("\\+?[0-9 ()./-]+");
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MIN_DIGITS = 6;
    private static final int MAX_DIGITS = 15; // E.164
    private static final int TOKEN_BYTES = 20;

    private final SecretKeySpec secret;

    /** @param secret at least 32 bytes, the same on every node and for the platform's whole life */
    public IdentifierPseudonymizer(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new PrivacyException("the identifier secret must be at least 32 bytes; got "
                    + (secret == null ? 0 : secret.length));
        }
        this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** The identifier {@code phone:<token>} for a phone number as a source wrote it. */
    public CustomerIdentifier phone(String raw) {
        return new CustomerIdentifier(IdentifierType.PHONE, token(IdentifierType.PHONE, normalizePhone(raw)));
    }

    /** The identifier {@code email:<token>} for an e-mail address as a source wrote it. */
    public CustomerIdentifier email(String raw) {
        return new CustomerIdentifier(IdentifierType.EMAIL, token(IdentifierType.EMAIL, normalizeEmail(raw)));
    }

    /**
     * Digits only, keeping a leading international prefix as +: "+86 138-0013-8000" →
     * +8613800138000, "0044 20 7946 0000" → +442079460000; an 11-digit mainland mobile without
     * prefix gets +86. Other numbers without a prefix stay national (digits only).
     *
     * @throws IllegalArgumentException saying what is wrong, without repeating the number
     */
    public static String normalizePhone(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String text = raw.strip();
        if (!PHONE_CHARACTERS.matcher(text).matches()) {
            throw new IllegalArgumentException("may only contain digits, spaces, ( ) . - and a leading +");
        }
        String digits = text.replaceAll("\\D", "");
        boolean international = text.startsWith("+") || digits.startsWith("00");
        if (!text.startsWith("+") && digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (!international && MAINLAND_MOBILE.matcher(digits).matches()) {
            digits = "86" + digits;
            international = true;
        }
        if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
            throw new IllegalArgumentException("must have " + MIN_DIGITS + " to " + MAX_DIGITS + " digits, has " + digits.length());
        }
        return international ? "+" + digits : digits;
    }

    /**
     * Trimmed and lower-cased.
     *
     * @throws IllegalArgumentException saying what is wrong, without repeating the address
     */
    public static String normalizeEmail(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("is not an e-mail address (expected local@domain.tld, at most 254 characters)");
        }
        return email;
    }

    /** base64url of the first 20 bytes of HMAC-SHA256(secret, type ":" normalised value). */
    String token(IdentifierType type, String normalized) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            byte[] digest = mac.doFinal((type.code() + ":" + normalized).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, TOKEN_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
