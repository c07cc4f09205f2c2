package com.retailpulse.infra.ingest.clickstream;

import java.util.List;

/** A message breaks the clickstream contract; {@code violations} name each field and what is wrong with it. */
class InvalidClickstreamMessageException extends RuntimeException {

    private final List<String> violations;

    InvalidClickstreamMessageException(List<String> violations) {
        super(String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    List<String> violations() {
        return violations;
    }
}
