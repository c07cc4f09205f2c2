package com.retailpulse.command.customer;

import org.axonframework.common.AxonNonTransientException;

/**
 * A merge, unmerge or restore that does not fit the customers' current state (e.g. the customer
 * belongs to someone else by now). Non-transient: retrying the same command cannot succeed, the
 * resolver must look again.
 */
public class MergeRefusedException extends AxonNonTransientException {

    public MergeRefusedException(String message) {
        super(message);
    }
}
