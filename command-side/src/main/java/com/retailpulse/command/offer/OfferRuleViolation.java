package com.retailpulse.command.offer;

import org.axonframework.common.AxonNonTransientException;

import java.util.List;

/**
 * A command the offer refuses because it breaks a rule of its terms or lifecycle; each error names the
 * field ("reward.tiers[1].discount: …", "state: …"). Non-transient: retrying cannot make it pass, so the
 * command gateway does not.
 */
public class OfferRuleViolation extends AxonNonTransientException {

    private final List<String> errors;

    public OfferRuleViolation(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public OfferRuleViolation(String error) {
        this(List.of(error));
    }

    public List<String> errors() {
        return errors;
    }
}
