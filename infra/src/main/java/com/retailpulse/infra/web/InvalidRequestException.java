package com.retailpulse.infra.web;

import java.util.List;

/**
 * A request refused before anything was recorded, with one error per problem, each naming where it is
 * (e.g. {@code condition.all[1].value}). Answered as a 400 problem with the given title and the errors.
 */
public class InvalidRequestException extends RuntimeException {

    private final String title;
    private final List<String> errors;

    public InvalidRequestException(String title, List<String> errors) {
        super(String.join("; ", errors));
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public String title() {
        return title;
    }

    public List<String> errors() {
        return errors;
    }
}
