package com.retailpulse.privacy;

/** Personal data cannot be protected or opened as configured; the message says what to fix. */
public class PrivacyException extends RuntimeException {

    public PrivacyException(String message) {
        super(message);
    }

    public PrivacyException(String message, Throwable cause) {
        super(message, cause);
    }
}
