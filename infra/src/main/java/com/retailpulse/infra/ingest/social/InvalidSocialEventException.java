package com.retailpulse.infra.ingest.social;

import java.util.List;

/** A social event breaks the ingest contract; each problem names the field. */
public class InvalidSocialEventException extends RuntimeException {

    public record Problem(String field, String reason) {
        @Override
        public String toString() {
            return field + ": " + reason;
        }
    }

    private final String interactionId;
    private final List<Problem> problems;

    public InvalidSocialEventException(String interactionId, List<Problem> problems) {
        super(problems.stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse("invalid social event"));
        this.interactionId = interactionId;
        this.problems = List.copyOf(problems);
    }

    /** The event's interactionId when it could be read, else null. */
    public String interactionId() {
        return interactionId;
    }

    public List<Problem> problems() {
        return problems;
    }
}
