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

    /** A period of time: from (inclusive) to (exclusive). */
    public record Period(Instant from, Instant to) {
    }

    /**
     * A required period in the fields {@code from} and {@code to}: two ISO-8601 instants, the second after the
     * first and, when {@code longest} is given, at most that far from it; null (with the errors added) otherwise.
     */
    public static Period period(String fromText, String toText, Duration longest, List<String> errors) {
        Instant from = instant("from", fromText, errors);
        Instant to = instant("to", toText, errors);
        if (from == null || to == null) {
            return null;
        }
        if (!from.isBefore(to)) {
            errors.add("to: the period must end after it starts (from " + from + ", to " + to + ")");
            return null;
        }
        if (longest != null && Duration.between(from, to).compareTo(longest) > 0) {
            errors.add("to: a period of at most " + longest.toDays() + " days, got " + Duration.between(from, to).toDays() + " days");
            return null;
        }
        return new Period(from, to);
    }
}
