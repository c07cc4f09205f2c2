package com.retailpulse.infra.templates;

import java.util.List;

/** A template that cannot be used, with every problem found. */
public class InvalidTemplateException extends RuntimeException {

    private final List<String> problems;

    public InvalidTemplateException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
