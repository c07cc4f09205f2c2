package com.retailpulse.contracts.tag;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declares or changes a scenario tag; an unchanged definition records nothing. Answers the version in force. */
public record DefineTagCommand(@TargetAggregateIdentifier TagKey key, String name, String description,
                               TagCondition condition) {
}
