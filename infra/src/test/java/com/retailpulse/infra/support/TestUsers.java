package com.retailpulse.infra.support;

/** Credentials of the users every integration test's application knows. */
public final class TestUsers {
    public static final String ADMIN_PASSWORD = "admin-test-password";
    public static final String INGEST_KEY = "test-ingest-key";
    public static final String PASSWORD = "test-password";

    private TestUsers() {
    }
}
