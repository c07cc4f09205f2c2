package com.retailpulse.contracts.offer;

import java.util.random.RandomGenerator;

/**
 * Crockford's base-32 alphabet (no I, L, O, U): readable aloud and on a receipt, and the letters people
 * confuse with digits are read as those digits.
 */
interface Base32 {
    String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    static String random(RandomGenerator random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** Upper case, without separators, O read as 0 and I/L as 1. */
    static String normalize(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            switch (c) {
                case '-', ' ' -> { }
                case 'O' -> s.append('0');
                case 'I', 'L' -> s.append('1');
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    static boolean valid(String text) {
        for (char c : text.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
