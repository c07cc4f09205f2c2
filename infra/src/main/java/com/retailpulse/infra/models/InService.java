package com.retailpulse.infra.models;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;

/**
 * The version of a model in service, the model itself, and since when (wall-clock time, as events are
 * stamped when stored): the online scorer leaves events stored before it to the scoring run that
 * follows a promotion.
 */
record InService<M>(ModelRegistry.Version version, M model, Instant since) {

    /** A version just promoted: events stored before now are the promotion's scoring run's. */
    static <M> InService<M> now(ModelRegistry.Version version, M model) {
        return new InService<>(version, model, Instant.now());
    }

    /** How a model is read back from its bytes in the registry. */
    interface Reader<M> {
        M read(byte[] bytes) throws IOException;
    }

    /**
     * The registry's version in service of {@code name}, read at start: it was in service before, so
     * events the scorer has not reached yet are its to score. Null when there is none, or it cannot be read
     * (logged): the platform then serves no version of that model rather than refusing to start.
     */
    static <M> InService<M> load(ModelRegistry registry, String name, Reader<M> reader) {
        return registry.inService(name).map(stored -> {
            try {
                return new InService<>(stored.getKey(), reader.read(stored.getValue()), Instant.EPOCH);
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(InService.class).error("Version {} of model {} cannot be read; none in service",
                        stored.getKey().version(), name, e);
                return null;
            }
        }).orElse(null);
    }
}
