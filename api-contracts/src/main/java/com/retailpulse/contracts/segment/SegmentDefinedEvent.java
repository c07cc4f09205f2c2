package com.retailpulse.contracts.segment;

import com.retailpulse.contracts.tag.TagCondition;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Version {@code version} of a segment is in force from now on. */
@Revision("1")
public record SegmentDefinedEvent(SegmentKey key, int version, String name, String description, TagCondition condition,
                                  Instant definedAt) implements SegmentEvent {
}
