package com.retailpulse.infra.identity;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import org.axonframework.messaging.MetaData;

import java.util.List;
import java.util.function.Function;

/**
 * Finds the customer a source's identifiers belong to, the one way every adapter routes what it
 * receives: identifiers nobody owns yet are claimed for that customer, and identifiers that turn
 * out to belong to two customers merge them (see docs/identity.md).
 */
public interface IdentityResolution {

    /** The customer to record on, and the identifier (the strongest one given) it is known by. */
    record Resolved(CustomerId customerId, CustomerIdentifier identifier) {
    }

    /**
     * Resolves the identifiers, then sends the command built for the customer and waits for it.
     *
     * @param identifiers at least one; any order (they are ranked by {@link com.retailpulse.contracts.customer.IdentifierType} priority)
     * @param metaData    who sent it and through which source; copied onto every command this causes
     * @return the command's result
     */
    <R> R dispatch(List<CustomerIdentifier> identifiers, Function<Resolved, Object> command, MetaData metaData);

    /** Resolves the identifiers without recording anything else. */
    Resolved resolve(List<CustomerIdentifier> identifiers, MetaData metaData);

    /** The identifiers were given up by an erased customer (and released in the registry): forget who owned them. */
    void released(List<CustomerIdentifier> identifiers);
}
