package com.retailpulse.contracts.journey;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.Objects;

/** What enrolls a customer in a journey. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Trigger.OnEvent.class, name = "event"),
        @JsonSubTypes.Type(value = Trigger.OnSegmentEntry.class, name = "segment-entry")
})
public sealed interface Trigger {

    /** The customer did something: {@code {"type": "event", "on": {"event": "login"}}}. */
    record OnEvent(EventSpec on) implements Trigger {
        public OnEvent {
            Objects.requireNonNull(on, "on");
        }
    }

    /** The customer entered a segment: {@code {"type": "segment-entry", "segment": "about_to_churn"}}. */
    record OnSegmentEntry(String segment) implements Trigger {
        public OnSegmentEntry {
            Objects.requireNonNull(segment, "segment");
        }
    }
}
