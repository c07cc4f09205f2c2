package com.retailpulse.projections.identity;

import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Keeps the identifier → customer lookup in MongoDB current. */
@Component
@ProcessingGroup(CustomerIdentityProjection.PROCESSING_GROUP)
public class CustomerIdentityProjection {

    public static final String PROCESSING_GROUP = "customer-identities";

    private final IdentityDirectory directory;

    public CustomerIdentityProjection(IdentityDirectory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(CustomerCreatedEvent event) {
        directory.link(event.identifier(), event.customerId(), event.firstSeenAt());
    }

    @ResetHandler
    void reset() {
        directory.clear();
    }
}
