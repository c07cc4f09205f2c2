package com.retailpulse.command.campaign;

import org.axonframework.common.AxonNonTransientException;

/**
 * A command the campaign refuses because of its state or plan; the message names the field or the state
 * ("state: …", "sendAt: …"). Non-transient: retrying cannot make it pass, so the command gateway does not.
 */
public class CampaignRuleViolation extends AxonNonTransientException {

    public CampaignRuleViolation(String message) {
        super(message);
    }
}
