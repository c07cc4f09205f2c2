package com.retailpulse.projections.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.tag.TagCondition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentConditionValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TagCondition parse(String json) throws Exception {
        return JSON.readValue(json, TagCondition.class);
    }

    @Test
    void a_definition_that_would_close_a_loop_of_segments_is_refused_naming_the_loop() throws Exception {
        Segments segments = new Segments();
        segments.define(new Segments.Definition("a", 1, "A", parse("{\"segment\": \"b\"}")));
        segments.define(new Segments.Definition("b", 1, "B", parse("{\"field\": \"value.ltv\", \"op\": \"gt\", \"value\": 1}")));

        assertThat(SegmentConditionValidator.validate("b", parse("{\"not\": {\"segment\": \"a\"}}"), segments, new ScenarioTags()))
                .containsExactly("condition: segments refer to each other in a cycle: b → a → b");
        assertThat(SegmentConditionValidator.validate("c", parse("{\"segment\": \"a\"}"), segments, new ScenarioTags())).isEmpty();
        assertThat(SegmentConditionValidator.validate("self", parse("{\"segment\": \"self\"}"), segments, new ScenarioTags()))
                .contains("condition: segments refer to each other in a cycle: self → self");
    }

    @Test
    void values_must_have_the_type_of_their_field() throws Exception {
        var errors = SegmentConditionValidator.validate("x", parse("""
                {"any": [{"field": "lifecycle.active30d", "op": "eq", "value": "yes"},
                         {"field": "value.ltv", "op": "in", "value": [10, "ten"]},
                         {"field": "lifecycle.daysSinceLastOrder", "op": "gt", "value": 2.5},
                         {"field": "lifecycle.lastActivityAt", "op": "eq", "value": "2026-11-01"},
                         {"field": "value.tier", "op": "exists", "value": "maybe"}]}"""), new Segments(), new ScenarioTags());

        assertThat(errors).containsExactly(
                "condition.any[0].value: lifecycle.active30d is boolean; got string yes",
                "condition.any[1].value[1]: value.ltv is double; got string ten",
                "condition.any[2].value: lifecycle.daysSinceLastOrder is long (whole numbers); got double 2.5",
                "condition.any[3].op: lifecycle.lastActivityAt is a date: test it with exists, or use a days-since dimension",
                "condition.any[4].value: exists takes true, false or nothing");
    }

    @Test
    void tags_cannot_use_segments() throws Exception {
        assertThat(TagConditionValidator.validate(parse("{\"segment\": \"a\"}"), TagSettings.defaults()))
                .containsExactly("condition.segment: tags cannot depend on segments (segments are evaluated from tags)");
    }
}
