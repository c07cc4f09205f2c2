package com.retailpulse.contracts.segment;

import com.retailpulse.contracts.tag.TagCondition;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declares or changes a segment; an unchanged definition records nothing. Answers the version in force. */
public record DefineSegmentCommand(@TargetAggregateIdentifier SegmentKey key, String name, String description,
                                   TagCondition condition) {
}
