package com.retailpulse.privacy;

import java.util.regex.Pattern;

/**
 * How personal data is shown to people who may know it exists but not what it is (profiles,
 * consoles, logs). Each rule keeps just enough to recognise a record: {@code 138****5678},
 * {@code a***@example.com}, {@code 张**}, {@code 上海市***}. Null stays null.
 */
public final class Masking {

    private static final Pattern DIGITS = Pattern.compile("\\D");
    private static final Pattern ADDRESS_SEPARATOR = Pattern.compile("[\\s,，、]+");
    private static final String HIDDEN = "***";

    private Masking() {
    }

    /** Every character but the first becomes '*' (at least one): 张三丰 → 张**, Alice → A****, 李 → 李*. */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        String clean = name.strip();
        if (clean.isEmpty()) {
            return "";
        }
        int first = clean.codePointAt(0);
        int rest = Math.max(1, clean.codePointCount(0, clean.length()) - 1);
        return new StringBuilder().appendCodePoint(first).append("*".repeat(rest)).toString();
    }

    /**
     * The first 3 and last 4 digits of the national number: 13812345678 and +86 138 1234 5678 →
     * 138****5678. Short numbers keep only their last 2 digits.
     */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = DIGITS.matcher(phone).replaceAll("");
        if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2); // +86 mainland mobile: mask the national part
        }
        if (digits.length() < 8) {
            return digits.length() <= 2 ? "*".repeat(digits.length()) : "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
        }
        return digits.substring(0, 3) + "*".repeat(4) + digits.substring(digits.length() - 4);
    }

    /** The first character of the local part and the whole domain: alice@example.com → a***@example.com. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        String clean = email.strip();
        int at = clean.lastIndexOf('@');
        if (at <= 0) {
            return HIDDEN;
        }
        return new StringBuilder().appendCodePoint(clean.codePointAt(0)).append(HIDDEN).append(clean.substring(at)).toString();
    }

    /**
     * The city, or the first token, then ***: "上海市浦东新区世纪大道100号" → 上海市***,
     * "London, 10 Downing Street" → London***. Addresses with no separator and no 市/省 keep 2 characters.
     */
    public static String address(String address) {
        if (address == null) {
            return null;
        }
        String clean = address.strip();
        if (clean.isEmpty()) {
            return "";
        }
        int city = firstOf(clean, '市', '省');
        if (city > 0 && city <= 10) {
            return clean.substring(0, city + 1) + HIDDEN;
        }
        String[] tokens = ADDRESS_SEPARATOR.split(clean, 2);
        if (tokens.length > 1 && !tokens[0].isEmpty()) {
            return tokens[0] + HIDDEN;
        }
        int keep = clean.offsetByCodePoints(0, Math.min(2, clean.codePointCount(0, clean.length())));
        return clean.substring(0, keep) + HIDDEN;
    }

    private static int firstOf(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }
}
