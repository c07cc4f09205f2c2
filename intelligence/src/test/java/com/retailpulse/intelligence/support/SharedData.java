package com.retailpulse.intelligence.support;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real public datasets beside the project ({@code ../shared/data}, or {@code RETAILPULSE_DATA}).
 * Off CI, tests that need them are skipped with a message when the folder is absent; on CI they must run.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path dir() {
        String configured = System.getProperty("retailpulse.data", System.getenv("RETAILPULSE_DATA"));
        return configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data").toAbsolutePath().normalize();
    }

    /** The file, or the test is skipped (off CI) / fails (on CI) with a message naming what is missing. */
    public static Path require(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.isReadable(file)) {
            String message = "shared dataset " + file + " is absent (set RETAILPULSE_DATA to the shared/data folder)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        return file;
    }
}
