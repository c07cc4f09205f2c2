package com.retailpulse.projections.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The profiles one batch of events touches, loaded once and written once. */
final class ProfileBatch {

    private final ProfileIndex profiles;
    private final Clock clock;
    private final Map<String, ProfileIndex.Versioned> touched = new LinkedHashMap<>();
    /** Profiles changed in this batch; preloaded ones whose events were all seen before stay unwritten. */
    private final Set<String> dirty = new HashSet<>();

    ProfileBatch(ProfileIndex profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    void preload(Set<String> customerIds) {
        if (!customerIds.isEmpty()) {
            touched.putAll(profiles.load(customerIds));
        }
    }

    void apply(String customerId, long sequence, Instant eventAt, UnaryOperator<ProfileDocument> change) {
        ProfileIndex.Versioned current = touched.get(customerId);
        if (current == null) {
            current = profiles.load(Set.of(customerId)).get(customerId);
        }
        if (current.document().hasApplied(sequence)) {
            return; // already applied before a crash or a rebalance: redelivery must not count twice
        }
        ProfileDocument next = change.apply(current.document()).applied(sequence, eventAt, clock.instant());
        touched.put(customerId, new ProfileIndex.Versioned(next, current.seqNo(), current.primaryTerm()));
        dirty.add(customerId);
    }

    void flush() {
        profiles.write(touched.values().stream().filter(v -> dirty.contains(v.document().customerId())).toList());
        touched.clear();
        dirty.clear();
    }
}
