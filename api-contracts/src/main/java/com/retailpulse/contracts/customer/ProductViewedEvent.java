package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;

/**
 * The customer looked at a product; {@code dwell} is how long, when the source said so (null otherwise,
 * and in every event recorded before sources could say it: those deserialize with a null dwell).
 */
@Revision("1")
public record ProductViewedEvent(CustomerId customerId, String interactionId, Instant occurredAt, String channel, ProductRef product,
                                 Duration dwell) implements CustomerEvent, CustomerInteractionEvent {

    /** A view whose length the source did not report. */
    public ProductViewedEvent(CustomerId customerId, String interactionId, Instant occurredAt, String channel, ProductRef product) {
        this(customerId, interactionId, occurredAt, channel, product, null);
    }
}
