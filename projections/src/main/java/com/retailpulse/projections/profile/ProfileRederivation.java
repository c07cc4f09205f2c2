package com.retailpulse.projections.profile;


import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Derives every profile's tags again from the parts it stores — the state replaying its events built
 * — after a scenario tag was defined, changed or retired, and every day for the time-window tags.
 * Pages through the index with a point in time; each write carries the version it read, and a profile
 * the live projection changed meanwhile is read again (the projection derived it with the new
 * definitions already).
 *
 * <p>Rebuilds (ADR 0024): a pass waits while the profiles are being rebuilt — the new index holds profiles
 * replayed only part of the way, whose segments must not be stated — and then works on the rebuilt one. A pass
 * works on one concrete index from start to end: if a rebuild starts meanwhile it finishes on the old index,
 * which keeps serving (the replay derives with the definitions in force anyway), and if the switch drops that
 * index before the pass is done, the pass starts again on the new one.
 */
public class ProfileRederivation {

    static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(ProfileRederivation.class);
    private static final Duration WHILE_REBUILDING = Duration.ofSeconds(1);

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

    /** Whether the profiles are being rebuilt: a pass started now would wait for the switch. */
    public boolean rebuilding() {
        return profiles.index().state().rebuilding();
    }

    /** Returns once no rebuild of the profiles is under way. */
    public void awaitNoRebuild() {
        while (rebuilding()) {
            try {
                Thread.sleep(WHILE_REBUILDING.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the profiles rebuild to complete", e);
            }
        }
    }

    /**
     * @param progress called with the number of profiles done so far, after each page
     * @return profiles derived again
     */
    public long run(LongConsumer progress) {
        while (true) {
            awaitNoRebuild();
            String index = profiles.index().state().readIndex();
            try {
                return run(profiles.on(index), progress);
            } catch (RuntimeException e) {
                if (profiles.index().serves(index)) {
                    throw e;
                }
                // A rebuild replaced it. A write after the old index went may have created it again, empty.
                profiles.index().dropUnserved(index);
                log.info("Profiles index {} was replaced by a rebuild during a back-fill; deriving again on the new one", index);
            }
        }
    }

    private long run(ProfileIndex on, LongConsumer progress) {
        long[] done = {0};
        on.scan(Query.of(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field("mergedInto"))))), PAGE,
                List.of("customerId"), List.of(), page -> {
                    rederive(on, page.stream().map(ProfileDocument::customerId).toList());
                    done[0] += page.size();
                    progress.accept(done[0]);
                });
        return done[0];
    }

    private void rederive(ProfileIndex on, List<String> ids) {
        for (int attempt = 0; ; attempt++) {
            var loaded = on.load(Set.copyOf(ids));
            var now = clock.instant();
            var writes = loaded.values().stream().filter(v -> !v.isNew()).toList();
            writes.forEach(v -> v.document().recompute(settings, now, scenarios, segments, context));
            List<String> conflicted = on.writeSkippingConflicts(writes);
            memberships.written(writes.stream().filter(v -> !conflicted.contains(v.document().customerId()))
                    .map(ProfileIndex.Versioned::document).toList(), now);
            if (conflicted.isEmpty() || attempt == 4) {
                return;
            }
            ids = conflicted;
        }
    }
}
