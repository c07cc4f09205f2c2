package com.retailpulse.contracts.customer;

import com.retailpulse.contracts.message.MessageRequest;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The message arrived in the customer's quiet hours: it is asked for again at {@code until}, not dropped. */
@Revision("1")
public record MessageDeferredEvent(CustomerId customerId, MessageRequest request, Instant until, Instant deferredAt)
        implements CustomerEvent {

    /** The deferred message's id, for the saga that asks again (not serialized: records write their components). */
    public String messageKey() {
        return request.messageId().value();
    }
}
