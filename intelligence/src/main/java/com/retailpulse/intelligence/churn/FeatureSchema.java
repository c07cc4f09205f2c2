package com.retailpulse.intelligence.churn;

import java.util.List;
import java.util.Objects;

/**
 * The names of a model's inputs in the order the model reads them. A model keeps the schema it was
 * trained on and refuses vectors built for another one, so a feature added, removed or reordered on
 * the platform fails loudly instead of scoring garbage.
 *
 * @param name     what the vectors describe, e.g. {@code churn-features}
 * @param version  bumped whenever a definition changes while its name stays the same
 * @param features feature names, in vector order
 */
public record FeatureSchema(String name, int version, List<String> features) {

    public FeatureSchema {
        Objects.requireNonNull(name, "name");
        features = List.copyOf(features);
        if (features.stream().distinct().count() != features.size()) {
            throw new IllegalArgumentException("feature names must be unique: " + features);
        }
    }

    public int size() {
        return features.size();
    }

    public int indexOf(String feature) {
        int index = features.indexOf(feature);
        if (index < 0) {
            throw new IllegalArgumentException("no feature " + feature + " in " + this);
        }
        return index;
    }

    /** Throws unless {@code other} is this schema: same name, version and features in the same order. */
    public void requireSame(FeatureSchema other) {
        if (!equals(other)) {
            throw new IllegalArgumentException("model expects " + this + " but was given " + other);
        }
    }

    @Override
    public String toString() {
        return name + " v" + version + " " + features;
    }
}
