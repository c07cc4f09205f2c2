package com.retailpulse.projections.profile;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One customer record's own contribution to a profile: its facts, identifiers and which of its events
 * (by aggregate sequence number) are in: every number up to {@code appliedThrough}, and the few above it
 * in {@code appliedAbove}. So an event delivered again (after a crash, before the token was stored) is
 * recognised, and one delivered late (a gap in the store's global order) is still applied. A part
 * moves whole between profiles when its record is merged or restored.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ProfilePart {

    long appliedThrough = -1;
    List<Long> appliedAbove = new ArrayList<>();
    LinkedHashSet<String> identifiers = new LinkedHashSet<>();
    Instant firstSeenAt;
    ProfileFacts facts = new ProfileFacts();
    /** Member attributes and consents as the latest statement per field (see {@link ProfileAttributes}). */
    ProfileAttributes attributes = new ProfileAttributes();
    /** The last recorded score per model ({@code CustomerScoredEvent}). */
    TreeMap<String, ModelScore> scores = new TreeMap<>();

    boolean hasApplied(long sequence) {
        return sequence <= appliedThrough || appliedAbove.contains(sequence);
    }

    void applied(long sequence) {
        TreeSet<Long> above = new TreeSet<>(appliedAbove);
        above.add(sequence);
        while (above.remove(appliedThrough + 1)) {
            appliedThrough++;
        }
        appliedAbove = new ArrayList<>(above);
    }

    public long appliedThrough() {
        return appliedThrough;
    }

    public ProfileFacts facts() {
        return facts;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }
}
