package com.retailpulse.infra.localstack;

import java.nio.file.Path;

/** Lets tests find the unpacked Elasticsearch distribution the same way the application does. */
public final class LocalStackAccess {
    private LocalStackAccess() {
    }

    public static Path elasticsearchHome() {
        return LocalStackInitializer.elasticsearchHome(null);
    }
}
