package com.retailpulse.contracts.identity;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The identifier now belongs to {@code owner}, for good: no other customer can claim it. */
@Revision("1")
public record IdentifierClaimedEvent(IdentifierKey key, CustomerIdentifier identifier, CustomerId owner, Instant claimedAt)
        implements IdentifierEvent {
}
