package com.retailpulse.command.customer;

import org.axonframework.common.AxonNonTransientException;

/**
 * A receipt for a message the customer was never sent. Non-transient: the command gateway does not retry it
 * (asking again cannot make the message have been sent).
 */
public class MessageNeverSentException extends AxonNonTransientException {

    public MessageNeverSentException(String message) {
        super(message);
    }
}
