package com.retailpulse.infra.segments;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.contracts.tag.TagCondition.Op;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.profile.ScenarioTags;
import com.retailpulse.projections.profile.SegmentConditionValidator;
import com.retailpulse.projections.profile.SegmentEvaluator;
import com.retailpulse.projections.profile.SegmentQuery;
import com.retailpulse.projections.profile.Segments;
import com.retailpulse.infra.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: for random profiles and random valid segment conditions, the in-memory evaluator (live
 * entry and exit) and the Elasticsearch query (counts, samples, exports) select exactly the same
 * customers. Profiles and conditions are drawn from a seeded generator over fields of every type —
 * keywords, keyword lists, counts that read 0 when absent, other numbers that may be absent, doubles,
 * booleans, scenario tags, memberships of other segments and records merged away — with values near
 * the ones the profiles hold, so equalities and boundaries are hit. A disagreement is reported with
 * the seed and the smallest part of the condition that still disagrees.
 */
@IntegrationTest
class SegmentQueryAgreementTest {

    private static final int PROFILES = 300;
    private static final int CONDITIONS = 600;
    private static final List<String> TIERS = List.of("high_value", "regular", "potential", "churned", "prospect");
    private static final List<String> WEEKDAYS = List.of("MONDAY", "FRIDAY", "SUNDAY");
    private static final List<String> CATEGORIES = List.of("toys", "kitchen", "baby", "garden");
    private static final List<String> SEGMENTS = List.of("s_one", "s_two", "s_three");

    @Autowired
    ElasticsearchClient client;
    @Autowired
    ObjectMapper json;

    record Profile(String id, Map<String, Object> tags, Set<String> segments, boolean merged) {
    }

    @Test
    void the_in_memory_evaluator_and_the_elasticsearch_query_select_the_same_customers() throws Exception {
        long seed = Long.getLong("retailpulse.segments.seed", System.nanoTime());
        Random random = new Random(seed);
        String index = "segment-agreement-" + UUID.randomUUID().toString().substring(0, 8);
        ProfileIndex scratch = new ProfileIndex(client, index, 0);
        scratch.ensureExists();
        try {
            List<Profile> profiles = new ArrayList<>();
            BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(co.elastic.clients.elasticsearch._types.Refresh.True);
            for (int i = 0; i < PROFILES; i++) {
                Profile p = profile(random, "c" + i);
                profiles.add(p);
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("customerId", p.id());
                doc.put("tags", p.tags());
                doc.put("segments", List.copyOf(p.segments()));
                if (p.merged()) {
                    doc.put("mergedInto", "someone-else");
                }
                bulk.operations(o -> o.index(x -> x.index(index).id(p.id()).document(doc)));
            }
            assertThat(client.bulk(bulk.build()).errors()).isFalse();

            Segments inForce = new Segments();
            SEGMENTS.forEach(s -> inForce.define(new Segments.Definition(s, 1, s,
                    new TagCondition.Field("value.tier", Op.exists, true))));
            ScenarioTags scenarios = new ScenarioTags();
            scenarios.define(new ScenarioTags.Definition("flag_a", 1, new TagCondition.Field("value.tier", Op.exists, true)));

            int nonEmpty = 0;
            for (int c = 0; c < CONDITIONS; c++) {
                TagCondition condition = condition(random, 0);
                assertThat(SegmentConditionValidator.validate(null, condition, inForce, scenarios))
                        .as("generated condition %s is valid", json.writeValueAsString(condition)).isEmpty();
                Set<String> inMemory = inMemory(profiles, condition);
                Set<String> inIndex = inIndex(index, condition);
                if (!inMemory.equals(inIndex)) {
                    TagCondition smallest = smallestDisagreeing(condition, profiles, index);
                    throw new AssertionError("seed " + seed + ": evaluator and query disagree on "
                            + json.writeValueAsString(smallest) + " (within " + json.writeValueAsString(condition)
                            + "): in memory " + diff(inMemory, inIndex) + " only, in Elasticsearch " + diff(inIndex, inMemory) + " only");
                }
                if (!inMemory.isEmpty() && inMemory.size() < profiles.size()) {
                    nonEmpty++;
                }
            }
            // the property is only worth something when conditions actually split the population
            assertThat(nonEmpty).as("conditions selecting some but not all customers").isGreaterThan(CONDITIONS / 4);
        } finally {
            scratch.drop();
        }
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static Set<String> inMemory(List<Profile> profiles, TagCondition condition) {
        Set<String> ids = new HashSet<>();
        for (Profile p : profiles) {
            if (!p.merged() && SegmentEvaluator.matches(condition, p.tags(), p.segments())) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    private Set<String> inIndex(String index, TagCondition condition) throws Exception {
        var response = client.search(s -> s.index(index).size(PROFILES).query(SegmentQuery.customersMatching(condition))
                .source(src -> src.fetch(false)), Void.class);
        Set<String> ids = new HashSet<>();
        response.hits().hits().forEach(h -> ids.add(h.id()));
        return ids;
    }

    /** Walks into the condition while a part of it still disagrees: the smallest such part explains the bug. */
    private TagCondition smallestDisagreeing(TagCondition condition, List<Profile> profiles, String index) throws Exception {
        List<TagCondition> children = condition instanceof TagCondition.All all ? all.all()
                : condition instanceof TagCondition.Any any ? any.any()
                : condition instanceof TagCondition.Not not ? List.of(not.not()) : List.of();
        for (TagCondition child : children) {
            if (!inMemory(profiles, child).equals(inIndex(index, child))) {
                return smallestDisagreeing(child, profiles, index);
            }
        }
        return condition;
    }

    // ---- random profiles -------------------------------------------------------------------------

    private static Profile profile(Random r, String id) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("value.tier", pick(r, TIERS));
        if (r.nextInt(4) > 0) {
            t.put("behaviour.preferredWeekday", pick(r, WEEKDAYS));
        }
        List<String> categories = new ArrayList<>(CATEGORIES);
        java.util.Collections.shuffle(categories, r);
        int n = r.nextInt(4);
        if (n > 0) {
            t.put("behaviour.preferredCategories", List.copyOf(categories.subList(0, n)));
        }
        // counts: absent means 0; production leaves zeros out, a stored 0 must mean the same
        for (String count : List.of("activity.order.30d", "activity.view.7d", "activity.order.total")) {
            int v = r.nextInt(5);
            if (v > 0 || r.nextInt(5) == 0) {
                t.put(count, (long) v);
            }
        }
        if (r.nextInt(5) > 0) {
            t.put("lifecycle.daysSinceLastOrder", (long) r.nextInt(200));
        }
        t.put("value.ltv", Math.round(r.nextDouble() * 50000) / 100.0);
        if (r.nextInt(3) > 0) {
            t.put("value.aov", Math.round(r.nextDouble() * 20000) / 100.0);
        }
        double share = r.nextInt(3) == 0 ? 0 : Math.round(r.nextDouble() * 1000) / 1000.0;
        if (share > 0) {
            t.put("behaviour.hourShare.h10", share);
        }
        t.put("lifecycle.active30d", r.nextBoolean());
        if (r.nextBoolean()) {
            t.put("member.hasChildren", r.nextBoolean());
        }
        if (r.nextInt(3) > 0) {
            t.put("scenario.flag_a", r.nextBoolean());
        }
        Set<String> segments = new HashSet<>();
        SEGMENTS.forEach(s -> {
            if (r.nextBoolean()) {
                segments.add(s);
            }
        });
        return new Profile(id, t, segments, r.nextInt(15) == 0);
    }

    // ---- random conditions -----------------------------------------------------------------------

    private static TagCondition condition(Random r, int depth) {
        int kind = depth >= 3 ? 3 + r.nextInt(10) : r.nextInt(13);
        return switch (kind) {
            case 0 -> new TagCondition.All(children(r, depth));
            case 1 -> new TagCondition.Any(children(r, depth));
            case 2 -> new TagCondition.Not(condition(r, depth + 1));
            case 3 -> new TagCondition.InSegment(pick(r, SEGMENTS));
            case 4 -> new TagCondition.Activity(r.nextBoolean() ? "order" : "view", null, r.nextBoolean() ? 30 : 7, 1 + r.nextInt(4));
            default -> field(r);
        };
    }

    private static List<TagCondition> children(Random r, int depth) {
        List<TagCondition> list = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            list.add(condition(r, depth + 1));
        }
        return list;
    }

    private static TagCondition field(Random r) {
        return switch (r.nextInt(11)) {
            case 0 -> keyword(r, "value.tier", TIERS);
            case 1 -> keyword(r, "behaviour.preferredWeekday", WEEKDAYS);
            case 2 -> keyword(r, "behaviour.preferredCategories", CATEGORIES);
            case 3 -> number(r, pick(r, List.of("activity.order.30d", "activity.view.7d", "activity.order.total")),
                    List.of(0L, 1L, 2L, 3L, 4L, -1L));
            case 4 -> number(r, "lifecycle.daysSinceLastOrder", List.of(0L, 30L, 90L, 150L, 199L));
            case 5 -> number(r, "value.ltv", List.of(0.0, 100.5, 250.0, 499.99));
            case 6 -> number(r, "value.aov", List.of(0.0, 50.25, 100.0, 199.99));
            case 7 -> number(r, "behaviour.hourShare.h10", List.of(0, 0.0, 0.25, 0.5, 1));
            case 8 -> bool(r, "lifecycle.active30d");
            case 9 -> bool(r, "member.hasChildren");
            default -> bool(r, "scenario.flag_a");
        };
    }

    private static TagCondition keyword(Random r, String field, List<String> values) {
        return switch (r.nextInt(4)) {
            case 0 -> new TagCondition.Field(field, Op.eq, pick(r, values));
            case 1 -> new TagCondition.Field(field, Op.ne, pick(r, values));
            case 2 -> new TagCondition.Field(field, Op.in, List.of(pick(r, values), pick(r, values)));
            default -> new TagCondition.Field(field, Op.exists, r.nextInt(3) == 0 ? null : r.nextBoolean());
        };
    }

    private static TagCondition number(Random r, String field, List<? extends Number> values) {
        Op op = pick(r, List.of(Op.eq, Op.ne, Op.gt, Op.gte, Op.lt, Op.lte, Op.in, Op.exists));
        Object value = switch (op) {
            case in -> List.of(pick(r, values), pick(r, values));
            case exists -> r.nextBoolean();
            default -> pick(r, values);
        };
        return new TagCondition.Field(field, op, value);
    }

    private static TagCondition bool(Random r, String field) {
        return switch (r.nextInt(3)) {
            case 0 -> new TagCondition.Field(field, Op.eq, r.nextBoolean());
            case 1 -> new TagCondition.Field(field, Op.ne, r.nextBoolean());
            default -> new TagCondition.Field(field, Op.exists, r.nextBoolean());
        };
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
