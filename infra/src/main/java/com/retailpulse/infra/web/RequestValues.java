package com.retailpulse.infra.web;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reading a request's text fields into values, each problem added to {@code errors} under the field's name. */
public final class RequestValues {

    private RequestValues() {
    }

    /** A required ISO-8601 instant; null (with the error added) when missing or malformed. */
    public static Instant instant(String field, String text, List<String> errors) {
        if (text == null || text.isBlank()) {
            errors.add(field + ": an ISO-8601 instant such as 2011-11-01T00:00:00Z is required");
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.add(field + ": an ISO-8601 instant such as 2011-11-01T00:00:00Z, got '" + text + "'");
            return null;
        }
    }

    /** A positive ISO-8601 duration, {@code fallback} when absent; null (with the error added) when malformed. */
    public static Duration positiveDuration(String field, String text, Duration fallback, List<String> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(text.trim());
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(field + ": a positive ISO-8601 duration such as P7D, got '" + text + "'");
        return null;
    }
}
