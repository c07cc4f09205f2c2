package com.retailpulse.command.identity;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.identity.ClaimIdentifierCommand;
import com.retailpulse.contracts.identity.IdentifierClaimedEvent;
import com.retailpulse.contracts.identity.IdentifierKey;
import com.retailpulse.contracts.identity.IdentifierOwnership;
import com.retailpulse.contracts.identity.IdentifierRoutedEvent;
import com.retailpulse.contracts.identity.RouteIdentifierCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One identifier in the registry. Being an aggregate of its own is what makes "no identifier ever
 * belongs to two customers" hold under concurrent ingestion on every event store: two claims of the
 * same identifier are two writes of its first event, and the store accepts only one.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
@AggregateRoot
public class IdentifierRegistration {

    @AggregateIdentifier
    @Identity
    private IdentifierKey key;
    private CustomerIdentifier identifier;
    private CustomerId owner;
    private CustomerId customer;

    protected IdentifierRegistration() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public IdentifierOwnership handle(ClaimIdentifierCommand command, Clock clock) {
        if (owner != null) {
            return new IdentifierOwnership(identifier, owner, customer, false);
        }
        if (!command.key().equals(IdentifierKey.of(command.identifier()))) {
            throw new IllegalArgumentException("key " + command.key() + " does not name identifier " + command.identifier().key());
        }
        apply(new IdentifierClaimedEvent(command.key(), command.identifier(), command.proposedOwner(), clock.instant()));
        return new IdentifierOwnership(identifier, owner, customer, true);
    }

    /** @return true when the route changed */
    @CommandHandler
    public boolean handle(RouteIdentifierCommand command, Clock clock) {
        if (customer.equals(command.customer())) {
            return false;
        }
        apply(new IdentifierRoutedEvent(key, identifier, owner, customer, command.customer(), command.mergeId(), clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(IdentifierClaimedEvent event) {
        key = event.key();
        identifier = event.identifier();
        owner = event.owner();
        customer = event.owner();
    }

    @EventSourcingHandler
    void on(IdentifierRoutedEvent event) {
        customer = event.customer();
    }
}
