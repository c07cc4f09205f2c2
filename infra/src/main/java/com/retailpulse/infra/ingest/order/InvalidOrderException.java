package com.retailpulse.infra.ingest.order;

import java.util.List;

/** The order breaks the ingest contract; {@code violations} name each field and what is wrong with it. */
public class InvalidOrderException extends RuntimeException {

    private final List<String> violations;

    public InvalidOrderException(List<String> violations) {
        super("invalid order: " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
