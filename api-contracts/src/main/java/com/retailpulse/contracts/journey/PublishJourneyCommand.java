package com.retailpulse.contracts.journey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Publishes {@code graph} as the journey's next version (creating the journey on first publish); a graph
 * equal to the version in service publishes nothing. Answers the version in service. Customers in flight
 * finish on the version they entered (docs/journeys.md).
 */
public record PublishJourneyCommand(@TargetAggregateIdentifier JourneyKey journey, JourneyGraph graph) {

    public PublishJourneyCommand {
        Objects.requireNonNull(journey, "journey");
        Objects.requireNonNull(graph, "graph");
    }
}
