package com.retailpulse.command.identity;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.identity.ClaimIdentifierCommand;
import com.retailpulse.contracts.identity.IdentifierClaimedEvent;
import com.retailpulse.contracts.identity.IdentifierKey;
import com.retailpulse.contracts.identity.IdentifierOwnership;
import com.retailpulse.contracts.identity.IdentifierReleasedEvent;
import com.retailpulse.contracts.identity.IdentifierRoutedEvent;
import com.retailpulse.contracts.identity.ReleaseIdentifierCommand;
import com.retailpulse.contracts.identity.RouteIdentifierCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
    /** Owners who gave the identifier up (erasure), oldest first: none of them is proposed the identifier again. */
    private List<CustomerId> formerOwners = new ArrayList<>();

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
        // an erased customer never gets the identifier back: the next claimant is a new customer (see the resolver)
        CustomerId newOwner = formerOwners.contains(command.proposedOwner())
                ? CustomerId.firstSeenAs(command.identifier(), formerOwners.size()) : command.proposedOwner();
        apply(new IdentifierClaimedEvent(command.key(), command.identifier(), newOwner, clock.instant()));
        return new IdentifierOwnership(identifier, owner, customer, true);
    }

    /** @return true when the route changed */
    @CommandHandler
    public boolean handle(RouteIdentifierCommand command, Clock clock) {
        if (customer == null || customer.equals(command.customer())) {
            return false;
        }
        apply(new IdentifierRoutedEvent(key, identifier, owner, customer, command.customer(), command.mergeId(), clock.instant()));
        return true;
    }

    /**
     * Releases the identifier its owner gave up (erasure): the registry forgets the owner, so the next claim
     * makes a new customer. Nothing to do when it was released already or claimed anew by someone else since.
     *
     * @return true when the identifier was released now
     */
    @CommandHandler
    public boolean handle(ReleaseIdentifierCommand command, Clock clock) {
        if (owner == null || !owner.equals(command.owner())) {
            return false;
        }
        apply(new IdentifierReleasedEvent(key, identifier, owner, command.reason(), clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(IdentifierReleasedEvent event) {
        formerOwners.add(event.owner());
        owner = null;
        customer = null;
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
