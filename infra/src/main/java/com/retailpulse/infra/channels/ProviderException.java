package com.retailpulse.infra.channels;

/**
 * A provider did not take a message. {@code retryable}: the fault may pass (I/O, timeout, 5xx, 429) and the
 * delivery is tried again after a pause; otherwise (a 4xx, a malformed address) it is dead-lettered at once.
 */
public class ProviderException extends RuntimeException {

    private final boolean retryable;

    public ProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public static ProviderException retryable(String message, Throwable cause) {
        return new ProviderException(message, true, cause);
    }

    public static ProviderException permanent(String message, Throwable cause) {
        return new ProviderException(message, false, cause);
    }

    public boolean retryable() {
        return retryable;
    }
}
