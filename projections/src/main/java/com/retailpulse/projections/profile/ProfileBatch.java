package com.retailpulse.projections.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The profiles one batch of events touches, loaded once, changed in memory, derived and written once.
 * An event changes the part of the record it belongs to, wherever that part lives now: in the
 * record's own profile, or in the survivor's after a merge.
 */
final class ProfileBatch {

    /** Where profiles are read and written: the index, or memory for a profile as of a past moment. */
    interface Store {
        Map<String, ProfileIndex.Versioned> load(java.util.Collection<String> customerIds);

        void write(java.util.Collection<ProfileIndex.Versioned> documents);
    }

    private final Store profiles;
    private final Clock clock;
    private final TagSettings settings;
    private final ScenarioTags scenarios;
    private final Segments segments;
    private final SegmentMembershipRecorder memberships;
    private final ContextData context;
    /** A replay rebuilds the read model from recorded history: it must not record new memberships. */
    private final boolean replaying;
    private final Map<String, ProfileIndex.Versioned> touched = new LinkedHashMap<>();
    /** Profiles changed in this batch; preloaded ones whose events were all seen before stay unwritten. */
    private final Set<String> dirty = new HashSet<>();

    ProfileBatch(ProfileIndex profiles, Clock clock, TagSettings settings, ScenarioTags scenarios, Segments segments,
                 SegmentMembershipRecorder memberships, ContextData context, boolean replaying) {
        this(new Store() {
            @Override
            public Map<String, ProfileIndex.Versioned> load(java.util.Collection<String> customerIds) {
                return profiles.load(customerIds);
            }

            @Override
            public void write(java.util.Collection<ProfileIndex.Versioned> documents) {
                profiles.write(documents);
            }
        }, clock, settings, scenarios, segments, memberships, context, replaying);
    }

    ProfileBatch(Store profiles, Clock clock, TagSettings settings, ScenarioTags scenarios, Segments segments,
                 SegmentMembershipRecorder memberships, ContextData context, boolean replaying) {
        this.profiles = profiles;
        this.clock = clock;
        this.settings = settings;
        this.scenarios = scenarios;
        this.segments = segments;
        this.memberships = memberships;
        this.context = context;
        this.replaying = replaying;
    }

    void preload(Set<String> customerIds) {
        if (!customerIds.isEmpty()) {
            touched.putAll(profiles.load(customerIds));
        }
    }

    ProfileDocument doc(String customerId) {
        return touched.computeIfAbsent(customerId, id -> profiles.load(Set.of(id)).get(id)).document();
    }

    /** The profiles this batch holds, derived as of its clock, without writing them (a profile as of a past moment). */
    Map<String, ProfileDocument> derived() {
        Instant now = clock.instant();
        Map<String, ProfileDocument> out = new LinkedHashMap<>();
        touched.forEach((id, v) -> {
            v.document().recompute(settings, now, scenarios, segments, context);
            out.put(id, v.document());
        });
        return out;
    }

    /** The profile that holds the record's part: the survivor's after a merge, else its own. */
    ProfileDocument holderOf(String recordId) {
        ProfileDocument own = doc(recordId);
        return own.mergedInto() == null ? own : doc(own.mergedInto());
    }

    /** Applies an event of {@code recordId} to its part, unless that part has it already. */
    void apply(String recordId, long sequence, Instant eventAt, Consumer<ProfilePart> change) {
        ProfileDocument holder = holderOf(recordId);
        ProfilePart part = holder.part(recordId);
        if (part.hasApplied(sequence)) {
            return; // already applied before a crash or a rebalance: redelivery must not count twice
        }
        change.accept(part);
        part.applied(sequence);
        part.facts.prune(settings.retentionDays());
        changed(holder, eventAt);
    }

    /**
     * Moves the record's part to {@code survivor} (null: back to its own profile) as its event
     * {@code sequence} says; a redelivered move finds the part already moved and applied.
     */
    void move(String recordId, String survivor, long sequence, Instant eventAt) {
        ProfileDocument from = holderOf(recordId);
        ProfileDocument own = doc(recordId);
        ProfileDocument to = survivor == null ? own : doc(survivor);
        if (from.parts.containsKey(recordId) && from.parts.get(recordId).hasApplied(sequence)) {
            return;
        }
        ProfilePart part = from.removePart(recordId);
        part.applied(sequence);
        to.putPart(recordId, part);
        own.mergedInto(survivor);
        changed(from, eventAt);
        changed(to, eventAt);
        changed(own, eventAt);
    }

    /** A change to the profile itself (merge history), not to one record's facts. */
    void changeDocument(String customerId, Instant eventAt, Consumer<ProfileDocument> change) {
        ProfileDocument doc = doc(customerId);
        change.accept(doc);
        changed(doc, eventAt);
    }

    private void changed(ProfileDocument doc, Instant eventAt) {
        doc.touched(eventAt, clock.instant());
        dirty.add(doc.customerId());
    }

    void flush() {
        Instant now = clock.instant();
        var writes = touched.values().stream().filter(v -> dirty.contains(v.document().customerId())).toList();
        writes.forEach(v -> v.document().recompute(settings, now, scenarios, segments, context));
        profiles.write(writes);
        if (!replaying) {
            memberships.written(writes.stream().map(ProfileIndex.Versioned::document).toList(), now);
        }
        touched.clear();
        dirty.clear();
    }
}
