package com.retailpulse.contracts.identity;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code owner} gave the identifier up; it resolves to no customer until it is claimed again. */
@Revision("1")
public record IdentifierReleasedEvent(IdentifierKey key, CustomerIdentifier identifier, CustomerId owner, String reason,
                                      Instant releasedAt) implements IdentifierEvent {
}
