package com.retailpulse.contracts.message;

import java.util.Objects;

/**
 * Why a message exists, for reports and the auditor: the journey or campaign ({@code kind} and
 * {@code key}) and its {@code version}, the enrollment or dispatch it belongs to ({@code run}), the step
 * that sent it (journey node or campaign variant) and the experiment arm, if any.
 */
public record MessageSource(String kind, String key, int version, String run, String step, String arm) {

    public static final String JOURNEY = "journey";
    public static final String CAMPAIGN = "campaign";

    public MessageSource {
        Objects.requireNonNull(kind, "source kind");
        Objects.requireNonNull(key, "source key");
    }
}
