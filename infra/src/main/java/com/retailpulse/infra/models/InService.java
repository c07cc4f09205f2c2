package com.retailpulse.infra.models;

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

    /** A version loaded at start: it was in service before, so events the scorer has not reached yet are its to score. */
    static <M> InService<M> loaded(ModelRegistry.Version version, M model) {
        return new InService<>(version, model, Instant.EPOCH);
    }
}
