package com.retailpulse.infra.localstack;

/** A local server could not start; the message says which, why, and what to do about it. */
public class LocalStackException extends RuntimeException {
    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
