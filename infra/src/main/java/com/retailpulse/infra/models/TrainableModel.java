package com.retailpulse.infra.models;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/** A model the platform trains from the event store ({@code POST /api/v1/models/{name}/trainings}). */
interface TrainableModel {

    String name();

    /**
     * The training plan the request's options ask for, checked before anything is queued.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    Object plan(Map<String, String> options);

    /** Trains, measures against the baseline, registers the version and serves it when it passes the gate. */
    ModelRegistry.Version train(EventStorePurchases.Read data, Instant cutoff, Object plan, String trainedBy, Consumer<String> phase);

    /** The plan of a model that takes no options: refuses any. */
    static Object withoutOptions(String model, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("model " + model + " takes no options, got " + options.keySet());
        }
        return options;
    }
}
