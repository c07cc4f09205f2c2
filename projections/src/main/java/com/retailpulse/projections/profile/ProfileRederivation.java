package com.retailpulse.projections.profile;


import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Derives every profile's tags again from the parts it stores — the state replaying its events built
 * — after a scenario tag was defined, changed or retired, and every day for the time-window tags.
 * Pages through the index with a point in time; each write carries the version it read, and a profile
 * the live projection changed meanwhile is read again (the projection derived it with the new
 * definitions already).
 */
public class ProfileRederivation {

    static final int PAGE = 500;

    private final ProfileIndex profiles;
    private final TagSettings settings;
    private final ScenarioTags scenarios;
    private final Segments segments;
    private final SegmentMembershipRecorder memberships;
    private final ContextData context;
    private final Clock clock;

    public ProfileRederivation(ProfileIndex profiles, TagSettings settings, ScenarioTags scenarios,
                               Segments segments, SegmentMembershipRecorder memberships, ContextData context, Clock clock) {
        this.segments = segments;
        this.memberships = memberships;
        this.profiles = profiles;
        this.settings = settings;
        this.scenarios = scenarios;
        this.context = context;
        this.clock = clock;
    }

    /** Profiles to go through (those merged into others excluded). */
    public long total() {
        return profiles.count();
    }

    /**
     * @param progress called with the number of profiles done so far, after each page
     * @return profiles derived again
     */
    public long run(LongConsumer progress) {
        long[] done = {0};
        profiles.scan(Query.of(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field("mergedInto"))))), PAGE,
                List.of("customerId"), List.of(), page -> {
                    rederive(page.stream().map(ProfileDocument::customerId).toList());
                    done[0] += page.size();
                    progress.accept(done[0]);
                });
        return done[0];
    }

    private void rederive(List<String> ids) {
        for (int attempt = 0; ; attempt++) {
            var loaded = profiles.load(Set.copyOf(ids));
            var now = clock.instant();
            var writes = loaded.values().stream().filter(v -> !v.isNew()).toList();
            writes.forEach(v -> v.document().recompute(settings, now, scenarios, segments, context));
            List<String> conflicted = profiles.writeSkippingConflicts(writes);
            memberships.written(writes.stream().filter(v -> !conflicted.contains(v.document().customerId()))
                    .map(ProfileIndex.Versioned::document).toList(), now);
            if (conflicted.isEmpty() || attempt == 4) {
                return;
            }
            ids = conflicted;
        }
    }
}
