package com.retailpulse.contracts.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The record's personal data was erased at {@code erasedAt}: it no longer owns {@code releasedIdentifiers}
 * (phone and e-mail as keyed pseudonyms, member codes, OpenIDs, devices), which are released in the identifier
 * registry, and it is not contacted again. Its sealed personal data is unreadable from then on, the key being
 * deleted; its orders, consents and decisions stay for audit and the aggregates.
 */
@Revision("1")
public record PersonalDataErasedEvent(CustomerId customerId, List<CustomerIdentifier> releasedIdentifiers, String reason,
                                      Instant erasedAt) implements CustomerEvent {

    public PersonalDataErasedEvent {
        releasedIdentifiers = List.copyOf(releasedIdentifiers);
    }
}
