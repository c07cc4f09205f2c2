package com.retailpulse.privacy;

import java.util.Locale;

/** The kinds of personal data that are kept encrypted. The kind is bound to each ciphertext. */
public enum PiiKind {
    NAME, PHONE, EMAIL, ADDRESS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PiiKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
