package com.retailpulse.contracts.customer;

import java.time.Instant;

/** A customer event that records an interaction a source reported (see {@link CustomerInteraction}). */
public interface CustomerInteractionEvent {

    String interactionId();

    Instant occurredAt();
}
