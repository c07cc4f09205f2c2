/**
 * Segments: named groups of customers declared as a condition tree (the tag-definition language plus
 * membership of other segments), versioned, evaluated live into every profile; entries and exits are
 * recorded on the customer as {@code SegmentEnteredEvent} / {@code SegmentLeftEvent}.
 */
package com.retailpulse.contracts.segment;
