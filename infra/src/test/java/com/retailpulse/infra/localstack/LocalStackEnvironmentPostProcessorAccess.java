package com.retailpulse.infra.localstack;

import java.nio.file.Path;

/** Lets tests find the unpacked Elasticsearch distribution the same way the application does. */
public final class LocalStackEnvironmentPostProcessorAccess {
    private LocalStackEnvironmentPostProcessorAccess() {
    }

    public static Path elasticsearchHome() {
        return LocalStackEnvironmentPostProcessor.elasticsearchHome(null);
    }
}
