package com.retailpulse.contracts.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A customer's event history as stored, with the metadata that says who, which source and why. */
public record CustomerEventsView(String customerId, List<Entry> events) {

    public record Entry(long sequenceNumber, String eventId, String type, String revision, Instant timestamp,
                        Object payload, Map<String, Object> metadata) {
    }
}
