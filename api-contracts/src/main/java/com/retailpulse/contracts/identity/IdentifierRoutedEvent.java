package com.retailpulse.contracts.identity;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The identifier (still owned by {@code owner}) now resolves to {@code customer}, because of merge {@code mergeId}. */
@Revision("1")
public record IdentifierRoutedEvent(IdentifierKey key, CustomerIdentifier identifier, CustomerId owner, CustomerId from,
                                    CustomerId customer, String mergeId, Instant routedAt) implements IdentifierEvent {
}
