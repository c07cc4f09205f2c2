package com.retailpulse.privacy;

import javax.crypto.SecretKey;

/**
 * One customer's AES-256 data key, unwrapped. {@code keyId} is {@code <customerId>/<generation>}: a
 * key created after the customer was forgotten has a new generation, so values sealed under the
 * deleted one stay unreadable.
 */
record DataKey(String customerId, String keyId, SecretKey key) {

    static String customerIdOf(String keyId) {
        int slash = keyId.lastIndexOf('/');
        if (slash <= 0) {
            throw new PrivacyException("key id '" + keyId + "' is not of the form <customerId>/<generation>");
        }
        return keyId.substring(0, slash);
    }

    @Override
    public String toString() {
        return "DataKey[" + keyId + "]";
    }
}
