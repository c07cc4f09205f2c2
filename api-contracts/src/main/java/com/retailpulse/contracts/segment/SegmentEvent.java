package com.retailpulse.contracts.segment;

/** Every event of a segment definition. */
public sealed interface SegmentEvent permits SegmentDefinedEvent, SegmentRetiredEvent {
    SegmentKey key();
}
