package com.retailpulse.projections.journey;

import com.retailpulse.contracts.customer.JourneyEnrolledEvent;
import com.retailpulse.contracts.customer.JourneyEnrollmentEndedEvent;
import com.retailpulse.contracts.journey.JourneyPausedEvent;
import com.retailpulse.contracts.journey.JourneyPublishedEvent;
import com.retailpulse.contracts.journey.JourneyResumedEvent;
import com.retailpulse.contracts.journey.JourneyRetiredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Keeps the journey catalogue (versions, state, entries and outcomes) current. */
@Component
@ProcessingGroup(JourneyCatalogueProjection.PROCESSING_GROUP)
public class JourneyCatalogueProjection {

    public static final String PROCESSING_GROUP = "journeys";

    private final JourneyCatalogue catalogue;

    public JourneyCatalogueProjection(JourneyCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @EventHandler
    void on(JourneyPublishedEvent event) {
        catalogue.published(event.journey(), event.version(), event.graph(), event.publishedAt());
    }

    @EventHandler
    void on(JourneyPausedEvent event) {
        catalogue.state(event.journey(), "paused", event.at());
    }

    @EventHandler
    void on(JourneyResumedEvent event) {
        catalogue.state(event.journey(), "active", event.at());
    }

    @EventHandler
    void on(JourneyRetiredEvent event) {
        catalogue.state(event.journey(), "retired", event.at());
    }

    @EventHandler
    void on(JourneyEnrolledEvent event) {
        catalogue.entered(event.journey(), event.enrollmentId());
    }

    @EventHandler
    void on(JourneyEnrollmentEndedEvent event) {
        catalogue.ended(event.journey(), event.enrollmentId(), event.outcome());
    }

    @ResetHandler
    void reset() {
        catalogue.clear();
    }
}
