package com.retailpulse.contracts.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Deterministic experiment assignment: which arm of an experiment a unit (a customer) is in, decided by
 * SHA-256 of {@code experimentKey + ":" + unitId} alone. No table of assignments is kept: the same inputs
 * give the same arm on every node and in every replay, and a report can recompute anyone's arm, holdout
 * included. Hashing the experiment key with the unit makes two experiments' assignments independent.
 *
 * <p>The hash gives a uniform {@code u} in [0, 1): {@code u < holdoutShare} is the {@link #HOLDOUT}; the
 * rest is split among the arms in proportion to their weights, in list order. Changing the holdout share
 * or the weights moves units between arms: decide them before the first unit is assigned.
 *
 * @param holdoutShare the share of units that get nothing, 0 ≤ share &lt; 1
 * @param arms         at least one arm; keys distinct, weights positive
 */
public record Assignment(double holdoutShare, List<Arm> arms) {

    /** The arm of units held out: they get nothing and measure what nothing does. */
    public static final String HOLDOUT = "holdout";

    /** One arm and its relative weight. */
    public record Arm(String key, int weight) {
        public Arm {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("arm key must not be blank");
            }
            if (HOLDOUT.equals(key)) {
                throw new IllegalArgumentException("arm key '" + HOLDOUT + "' is reserved for the holdout");
            }
            if (weight <= 0) {
                throw new IllegalArgumentException("arm weight must be positive, got " + weight + " for arm '" + key + "'");
            }
        }
    }

    public Assignment {
        if (Double.isNaN(holdoutShare) || holdoutShare < 0 || holdoutShare >= 1) {
            throw new IllegalArgumentException("holdoutShare must be at least 0 and below 1, got " + holdoutShare);
        }
        if (arms == null || arms.isEmpty()) {
            throw new IllegalArgumentException("arms: an experiment needs at least one arm");
        }
        arms = List.copyOf(arms);
        Set<String> keys = new HashSet<>();
        long total = 0;
        for (Arm arm : arms) {
            if (!keys.add(arm.key())) {
                throw new IllegalArgumentException("arms: key '" + arm.key() + "' appears twice");
            }
            total += arm.weight();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arms: the weights add up to " + total + ", above " + Integer.MAX_VALUE);
        }
    }

    /** The arm of {@code unitId} in experiment {@code experimentKey}: an arm's key or {@link #HOLDOUT}. */
    public static String arm(String experimentKey, String unitId, double holdoutShare, List<Arm> arms) {
        return new Assignment(holdoutShare, arms).armOf(experimentKey, unitId);
    }

    /** The arm of {@code unitId} in experiment {@code experimentKey}: an arm's key or {@link #HOLDOUT}. */
    public String armOf(String experimentKey, String unitId) {
        double u = uniform(experimentKey, unitId);
        if (u < holdoutShare) {
            return HOLDOUT;
        }
        int total = arms.stream().mapToInt(Arm::weight).sum();
        // Rescaled, the part above the holdout is again uniform in [0, 1).
        double point = (u - holdoutShare) / (1 - holdoutShare) * total;
        int cumulative = 0;
        for (Arm arm : arms) {
            cumulative += arm.weight();
            if (point < cumulative) {
                return arm.key();
            }
        }
        return arms.get(arms.size() - 1).key(); // rounding at the very top of the range
    }

    /** The first 53 bits of SHA-256 of {@code experimentKey:unitId} as a double in [0, 1). */
    public static double uniform(String experimentKey, String unitId) {
        Objects.requireNonNull(experimentKey, "experimentKey");
        Objects.requireNonNull(unitId, "unitId");
        byte[] hash = sha256((experimentKey + ":" + unitId).getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (hash[i] & 0xFF);
        }
        return (bits >>> 11) * 0x1.0p-53;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
