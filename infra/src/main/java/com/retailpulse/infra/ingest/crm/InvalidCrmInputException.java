package com.retailpulse.infra.ingest.crm;

import java.util.List;
import java.util.Locale;

/** A member or consent breaks the contract; {@code violations} name each field and what is wrong. */
class InvalidCrmInputException extends RuntimeException {

    private final String title;
    private final List<String> violations;

    InvalidCrmInputException(String title, List<String> violations) {
        super(title.toLowerCase(Locale.ROOT) + ": " + String.join("; ", violations));
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    String title() {
        return title;
    }

    List<String> violations() {
        return violations;
    }
}
