package com.retailpulse.command.journey;

import java.util.List;

/** A journey command the journey's rules refuse, with each problem naming the node or field. */
public class JourneyRuleViolation extends IllegalArgumentException {

    private final List<String> problems;

    public JourneyRuleViolation(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
