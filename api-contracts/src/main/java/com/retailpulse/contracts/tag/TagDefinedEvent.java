package com.retailpulse.contracts.tag;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Version {@code version} of a scenario tag is in force from now on. */
@Revision("1")
public record TagDefinedEvent(TagKey key, int version, String name, String description, TagCondition condition,
                              Instant definedAt) implements TagEvent {
}
