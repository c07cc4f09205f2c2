package com.retailpulse.projections.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.tag.TagCondition;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TagCondition parse(String json) throws Exception {
        return JSON.readValue(json, TagCondition.class);
    }

    @Test
    void a_segment_is_evaluated_after_the_segments_it_uses_whatever_order_they_were_defined_in() throws Exception {
        Segments segments = new Segments();
        segments.define(new Segments.Definition("vip", 1, "VIP", parse("""
                {"all": [{"segment": "repeat"}, {"field": "value.ltv", "op": "gte", "value": 1000}]}""")));
        segments.define(new Segments.Definition("repeat", 1, "Repeat", parse("""
                {"field": "activity.order.total", "op": "gte", "value": 2}""")));

        assertThat(segments.inEvaluationOrder()).extracting(Segments.Definition::key).containsExactly("repeat", "vip");
    }

    @Test
    void the_evaluator_reads_an_absent_count_as_zero_and_a_list_as_matching_when_any_element_does() throws Exception {
        Map<String, Object> tags = Map.of("behaviour.preferredCategories", java.util.List.of("toys", "baby"), "value.tier", "regular");

        assertThat(SegmentEvaluator.matches(parse("{\"field\": \"activity.view.7d\", \"op\": \"eq\", \"value\": 0}"), tags, Set.of())).isTrue();
        assertThat(SegmentEvaluator.matches(parse("{\"activity\": \"view\", \"withinDays\": 7, \"atLeast\": 1}"), tags, Set.of())).isFalse();
        assertThat(SegmentEvaluator.matches(parse("{\"field\": \"behaviour.preferredCategories\", \"op\": \"eq\", \"value\": \"baby\"}"),
                tags, Set.of())).isTrue();
        assertThat(SegmentEvaluator.matches(parse("{\"field\": \"behaviour.preferredCategories\", \"op\": \"ne\", \"value\": \"baby\"}"),
                tags, Set.of())).isFalse();
        assertThat(SegmentEvaluator.matches(parse("{\"field\": \"value.aov\", \"op\": \"ne\", \"value\": 10}"), tags, Set.of()))
                .as("a value the profile does not have is not equal to anything").isTrue();
        assertThat(SegmentEvaluator.matches(parse("{\"segment\": \"repeat\"}"), tags, Set.of("repeat"))).isTrue();
    }

    @Test
    void a_profile_is_put_in_the_segments_it_matches_and_a_record_merged_away_in_none() throws Exception {
        Segments segments = new Segments();
        segments.define(new Segments.Definition("ordered", 1, "Ordered", parse("""
                {"field": "activity.order.total", "op": "gte", "value": 1}""")));
        segments.define(new Segments.Definition("ordered_big", 1, "Ordered big", parse("""
                {"all": [{"segment": "ordered"}, {"field": "value.ltv", "op": "gt", "value": 100}]}""")));
        TagSettings settings = TagSettings.defaults();
        java.time.Instant now = java.time.Instant.parse("2026-11-24T10:00:00Z");
        ProfileDocument doc = ProfileDocument.withOneOrder("c1", "member:1", now.minusSeconds(3600), new java.math.BigDecimal("250"),
                settings, now);

        doc.recompute(settings, now, new ScenarioTags(), segments, ContextData.NONE);
        assertThat(doc.segments()).containsExactly("ordered", "ordered_big");
        assertThat(doc.segmentsToEnter()).containsExactly("ordered", "ordered_big");

        doc.entered("ordered", 1, now);
        doc.entered("gone", 3, now);
        assertThat(doc.segmentsToEnter()).containsExactly("ordered_big");
        assertThat(doc.segmentsToLeave()).containsExactly("gone");

        doc.mergedInto("c2");
        doc.recompute(settings, now, new ScenarioTags(), segments, ContextData.NONE);
        assertThat(doc.segments()).isEmpty();
        assertThat(doc.segmentsToLeave()).containsExactlyInAnyOrder("ordered", "gone");
    }
}
