package com.retailpulse.projections.identity;

import com.retailpulse.contracts.identity.IdentifierClaimedEvent;
import com.retailpulse.contracts.identity.IdentifierReleasedEvent;
import com.retailpulse.contracts.identity.IdentifierRoutedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Keeps the identifier → customer lookup in MongoDB current, from the identifier registry's events. */
@Component
@ProcessingGroup(CustomerIdentityProjection.PROCESSING_GROUP)
public class CustomerIdentityProjection {

    public static final String PROCESSING_GROUP = "customer-identities";

    private final IdentityDirectory directory;

    public CustomerIdentityProjection(IdentityDirectory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(IdentifierClaimedEvent event) {
        directory.claimed(event.identifier(), event.owner(), event.claimedAt());
    }

    @EventHandler
    void on(IdentifierRoutedEvent event) {
        directory.routed(event.identifier(), event.owner(), event.customer(), event.routedAt());
    }

    @EventHandler
    void on(IdentifierReleasedEvent event) {
        directory.released(event.identifier(), event.owner());
    }

    @ResetHandler
    void reset() {
        directory.clear();
    }
}
