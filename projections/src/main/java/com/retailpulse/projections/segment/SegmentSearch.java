package com.retailpulse.projections.segment;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.profile.SegmentQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Segment questions answered by Elasticsearch from the compiled condition: how many customers match a
 * (draft) definition, a sample of them, and every member page by page for exports. A saved segment's
 * current members are also listed by the {@code segments} field profiles carry.
 */
public class SegmentSearch {

    static final int PAGE = 1000;

    /** A member as an export or a sample shows them: ids and the dimensions marketers look at first. */
    public record Member(String customerId, List<String> identifiers, Object valueTier, Object lifecycleStage, Object ltv,
                         Object ordersTotal, Object daysSinceLastOrder) {
        static Member of(ProfileDocument doc) {
            var tags = doc.tags();
            return new Member(doc.customerId(), doc.identifiers(), tags.get("value.tier"), tags.get("lifecycle.stage"),
                    tags.get("value.ltv"), tags.getOrDefault("activity.order.total", 0L), tags.get("lifecycle.daysSinceLastOrder"));
        }
    }

    public record Preview(long count, List<Member> sample, long tookMillis) {
    }

    private final ElasticsearchClient client;
    private final ProfileIndex profiles;

    public SegmentSearch(ElasticsearchClient client, ProfileIndex profiles) {
        this.client = client;
        this.profiles = profiles;
    }

    /** Count and sample for a condition (drafts included: nothing needs to be saved first). */
    public Preview preview(TagCondition condition, int sample) {
        return run(SegmentQuery.customersMatching(condition), sample);
    }

    /** Current members of a saved segment. */
    public Preview members(String segment, int sample) {
        return run(SegmentQuery.customersMatching(new TagCondition.InSegment(segment)), sample);
    }

    private Preview run(Query query, int sample) {
        long start = System.nanoTime();
        try {
            var response = client.search(s -> s.index(profiles.name()).query(query).size(sample)
                    .trackTotalHits(t -> t.enabled(true))
                    .source(src -> src.filter(f -> f.excludes("parts", "attributes", "merges")))
                    .sort(so -> so.field(f -> f.field("customerId"))), ProfileDocument.class);
            long count = response.hits().total() == null ? 0 : response.hits().total().value();
            return new Preview(count, response.hits().hits().stream().map(h -> Member.of(h.source())).toList(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search profiles", e);
        }
    }

    /** Every current member of a saved segment, a page at a time, from one consistent point in time. */
    public long forEachMember(String segment, Consumer<List<Member>> page) {
        return profiles.scan(SegmentQuery.customersMatching(new TagCondition.InSegment(segment)), PAGE, List.of(),
                List.of("parts", "attributes", "merges"), docs -> page.accept(docs.stream().map(Member::of).toList()));
    }
}
