package com.retailpulse.contracts.journey;

import com.retailpulse.contracts.customer.CustomerId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A journey run reached a call-webhook step: {@code requestId} ({@code journey:<enrollment>:<step>:<pass>})
 * is the delivery's idempotency key, {@code endpoint} the allow-listed endpoint's name, {@code fields} the
 * profile fields to send, {@code trigger} what enrolled the customer. Delivered apart from the run, at most
 * once (docs/journeys.md).
 */
@Revision("1")
public record JourneyWebhookRequestedEvent(String requestId, CustomerId customerId, JourneyKey journey, int version, String enrollmentId,
                                           String step, String endpoint, List<String> fields, String trigger, Instant enrolledAt,
                                           Instant requestedAt) {
    public JourneyWebhookRequestedEvent {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
