package com.retailpulse.projections.profile;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
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

    private final ElasticsearchClient client;
    private final ProfileIndex profiles;
    private final TagSettings settings;
    private final ScenarioTags scenarios;
    private final Segments segments;
    private final SegmentMembershipRecorder memberships;
    private final ContextData context;
    private final Clock clock;

    public ProfileRederivation(ElasticsearchClient client, ProfileIndex profiles, TagSettings settings, ScenarioTags scenarios,
                               Segments segments, SegmentMembershipRecorder memberships, ContextData context, Clock clock) {
        this.segments = segments;
        this.memberships = memberships;
        this.client = client;
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
        try {
            // A point in time sees what the last refresh made searchable: without this, a profile written
            // within the refresh interval before the back-fill started would be left as it was.
            client.indices().refresh(r -> r.index(profiles.name()));
            String pit = client.openPointInTime(p -> p.index(profiles.name()).keepAlive(k -> k.time("5m"))).id();
            long done = 0;
            try {
                List<FieldValue> after = null;
                while (true) {
                    final List<FieldValue> from = after;
                    var page = client.search(s -> {
                        s.pit(pt -> pt.id(pit).keepAlive(k -> k.time("5m"))).size(PAGE)
                                .query(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field("mergedInto")))))
                                .source(src -> src.filter(f -> f.includes("customerId")))
                                .sort(so -> so.field(f -> f.field("_shard_doc")));
                        if (from != null) {
                            s.searchAfter(from);
                        }
                        return s;
                    }, ProfileDocument.class);
                    var hits = page.hits().hits();
                    List<String> ids = new ArrayList<>();
                    hits.forEach(h -> ids.add(h.id()));
                    rederive(ids);
                    done += ids.size();
                    progress.accept(done);
                    if (hits.size() < PAGE) {
                        return done;
                    }
                    after = hits.get(hits.size() - 1).sort();
                }
            } finally {
                client.closePointInTime(c -> c.id(pit));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot derive profiles again", e);
        }
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
