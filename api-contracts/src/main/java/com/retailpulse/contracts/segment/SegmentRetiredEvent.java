package com.retailpulse.contracts.segment;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The segment is no longer evaluated. */
@Revision("1")
public record SegmentRetiredEvent(SegmentKey key, int version, String reason, Instant retiredAt) implements SegmentEvent {
}
