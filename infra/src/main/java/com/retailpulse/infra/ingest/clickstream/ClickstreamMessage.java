package com.retailpulse.infra.ingest.clickstream;

import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;

import java.util.List;

/**
 * One clickstream message after mapping: who (every identifier it names) and what they did.
 * {@code interaction} is empty for an {@code identify}, which only ties the identifiers together.
 */
record ClickstreamMessage(String messageId, List<CustomerIdentifier> identifiers, CustomerInteraction interaction) {

    ClickstreamMessage {
        identifiers = List.copyOf(identifiers);
    }

    boolean isIdentify() {
        return interaction == null;
    }
}
