package com.retailpulse.contracts.common;

import java.util.Objects;

/**
 * A piece of personal data as events carry it: encrypted with the data key of the customer it
 * belongs to, so deleting that key makes every copy unreadable (crypto-shredding, docs/privacy.md).
 *
 * @param keyId      which customer data key (and which generation of it) encrypted the value
 * @param algorithm  the cipher, e.g. {@code AES-256-GCM}
 * @param kind       what the value is (name, phone, email, address); bound to the ciphertext, so a
 *                   value cannot be passed off as another kind
 * @param ciphertext base64 of nonce followed by ciphertext and authentication tag
 */
public record EncryptedValue(String keyId, String algorithm, String kind, String ciphertext) {

    public EncryptedValue {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** Never the ciphertext: logs and error messages only need to know which key. */
    @Override
    public String toString() {
        return "EncryptedValue[" + kind + " with " + keyId + "]";
    }
}
