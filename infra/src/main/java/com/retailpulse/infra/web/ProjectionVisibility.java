package com.retailpulse.infra.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A definition change is answered once its projection applied it, so the back-fill the answer starts
 * already evaluates the new version. Projections apply a change within moments; if one does not, the
 * caller hears that the change is recorded and will be picked up.
 */
public final class ProjectionVisibility {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    private ProjectionVisibility() {
    }

    public static void awaitApplied(BooleanSupplier applied, String projection) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!applied.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the change is recorded but the "
                        + projection + " projection has not applied it within " + WITHIN.toSeconds()
                        + " s; the next back-fill will include it");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
