package com.retailpulse.contracts.segment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops evaluating a segment: its members leave it; its history stays. */
public record RetireSegmentCommand(@TargetAggregateIdentifier SegmentKey key, String reason) {
}
