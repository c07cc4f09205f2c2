package com.retailpulse.contracts.journey;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.SegmentEnteredEvent;

import java.util.List;
import java.util.Objects;

/** What enrolls a customer in a journey. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Trigger.OnEvent.class, name = "event"),
        @JsonSubTypes.Type(value = Trigger.OnSegmentEntry.class, name = "segment-entry"),
        @JsonSubTypes.Type(value = Trigger.OnSchedule.class, name = "schedule")
})
public sealed interface Trigger {

    /**
     * What an event would enroll a customer as ({@code "login"}, {@code "custom:wishlist"},
     * {@code "segment-entry:vip"}), or null for an event no trigger reacts to.
     */
    static String causeOf(CustomerEvent event) {
        return event instanceof SegmentEnteredEvent entered ? "segment-entry:" + entered.segment() : EventSpec.nameOf(event);
    }

    /** Whether the customer's event enrolls them (a schedule enrolls on its fire times, never on an event). */
    default boolean enrolledBy(CustomerEvent event) {
        if (this instanceof OnEvent on) {
            return on.on().matches(event);
        }
        return this instanceof OnSegmentEntry entry && event instanceof SegmentEnteredEvent entered
                && entry.segment().equals(entered.segment());
    }

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

    /**
     * At each fire time of {@code cron} (six fields, seconds first, as Spring's cron: {@code "0 0 9 * * MON"}) in
     * {@code zone} (e.g. {@code Europe/London}), the members of any of {@code segments} at that moment:
     * {@code {"type": "schedule", "cron": "0 0 9 * * MON", "zone": "Europe/London", "segments": ["vip"]}}.
     * Each member is enrolled through their re-entry policy like any other trigger. The checks name what is
     * missing or malformed, so nothing is required here.
     */
    record OnSchedule(String cron, String zone, List<String> segments) implements Trigger {
        public OnSchedule {
            segments = segments == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(segments));
        }
    }
}
