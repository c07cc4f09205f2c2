package com.retailpulse.contracts.tag;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The scenario tag is no longer evaluated. */
@Revision("1")
public record TagRetiredEvent(TagKey key, int version, String reason, Instant retiredAt) implements TagEvent {
}
