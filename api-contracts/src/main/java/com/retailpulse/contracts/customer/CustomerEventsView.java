package com.retailpulse.contracts.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer's event history as stored, with the metadata that says who, which source and why. For a
 * customer that absorbed others in merges, the histories of all its records, in time order; each
 * entry names the record ({@code recordId}) whose stream it belongs to.
 */
public record CustomerEventsView(String customerId, List<Entry> events) {

    public record Entry(long sequenceNumber, String eventId, String type, String revision, Instant timestamp,
                        Object payload, Map<String, Object> metadata, String recordId) {
    }
}
