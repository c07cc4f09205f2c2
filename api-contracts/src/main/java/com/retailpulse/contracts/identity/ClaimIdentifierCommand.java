package com.retailpulse.contracts.identity;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Claims an identifier for {@code proposedOwner} unless someone owns it already; answers with an
 * {@link IdentifierOwnership} either way. The first claim wins, also when two sources race.
 */
public record ClaimIdentifierCommand(@TargetAggregateIdentifier IdentifierKey key, CustomerIdentifier identifier,
                                     CustomerId proposedOwner) {

    public ClaimIdentifierCommand(CustomerIdentifier identifier, CustomerId proposedOwner) {
        this(IdentifierKey.of(identifier), identifier, proposedOwner);
    }
}
