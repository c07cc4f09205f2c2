package com.retailpulse.infra.templates;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTemplateTest {

    @Test
    void a_template_over_profile_offer_and_recommendations_is_filled_in_for_a_customer() {
        MessageTemplate template = MessageTemplate.parse("""
                Hi {{customer.id}}, you have spent {{profile.value.ltv}} with us.
                {{offer.name}}: {{#offer.tiers}}spend {{threshold}} save {{discount}}; {{/offer.tiers}}
                {{#recommendations}}- {{name}}
                {{/recommendations}}{{^recommendations}}(no picks yet){{/recommendations}}""");
        assertThat(template.fields()).containsExactly("customer.id", "profile.value.ltv", "offer.name", "offer.tiers",
                "offer.tiers[].threshold", "offer.tiers[].discount", "recommendations", "recommendations[].name");
        Map<String, Object> context = Map.of(
                "customer", Map.of("id", "c-1"),
                "profile", MessageContexts.tree(Map.of("value.ltv", 205.0, "lifecycle.stage", "loyal")),
                "offer", Map.of("name", "Spring sale", "tiers", List.of(Map.of("threshold", "100", "discount", "20"),
                        Map.of("threshold", "200", "discount", "50"))),
                "recommendations", List.of(Map.of("sku", "A", "name", "Desk fan", "score", 0.9)));

        assertThat(template.render(context)).isEqualTo("""
                Hi c-1, you have spent 205.0 with us.
                Spring sale: spend 100 save 20; spend 200 save 50; \n- Desk fan
                """);
    }

    @Test
    void unknown_fields_are_named_with_what_can_be_used_there() {
        assertThat(MessageTemplate.problems("{{profile.value.ltvv}} {{offer.code}} {{#recommendations}}{{price}}{{/recommendations}} {{first_name}}"))
                .containsExactly(
                        "{{profile.value.ltvv}}: unknown field profile.value.ltvv; profile fields are the dimensions of docs/tags.md (e.g. profile.value.ltv) and profile.scenario.<tag>",
                        "{{offer.code}}: unknown field offer.code; an offer has [amount, currency, description, giftSku, giftThreshold, name, tiers, validUntil]",
                        "{{price}}: unknown field price; inside {{#recommendations}} an item has [name, score, sku]",
                        "{{first_name}}: unknown field first_name; a template can use profile.*, customer.id, offer.*, coupon.code and {{#recommendations}}");
    }

    @Test
    void scores_and_scenario_tags_are_fields_and_outer_fields_stay_visible_inside_sections() {
        assertThat(MessageTemplate.problems("{{#recommendations}}{{sku}} for {{customer.id}}{{/recommendations}}"
                + " {{profile.score.churn.probability}} {{#profile.scenario.new_parent}}!{{/profile.scenario.new_parent}}")).isEmpty();
    }

    @Test
    void partials_broken_syntax_and_empty_templates_are_refused() {
        assertThat(MessageTemplate.problems("{{> header}} hello")).singleElement().asString().startsWith("{{> header}}: partials are not allowed");
        assertThat(MessageTemplate.problems("{{#recommendations}} never closed")).singleElement().asString().startsWith("template:");
        assertThatThrownBy(() -> MessageTemplate.parse(" ")).isInstanceOf(InvalidTemplateException.class).hasMessage("template: required");
    }

    @Test
    void values_are_written_as_they_are_not_html_escaped() {
        MessageTemplate template = MessageTemplate.parse("{{offer.name}}");
        assertThat(template.render(Map.of("offer", Map.of("name", "Tom & Jerry <3 \"sale\"")))).isEqualTo("Tom & Jerry <3 \"sale\"");
    }

    @Test
    void sms_segments_count_ascii_and_chinese_text_differently() {
        assertThat(TemplateController.smsSegments("a".repeat(160), 160)).isEqualTo(1);
        assertThat(TemplateController.smsSegments("a".repeat(161), 161)).isEqualTo(2);
        assertThat(TemplateController.smsSegments("满".repeat(70), 70)).isEqualTo(1);
        assertThat(TemplateController.smsSegments("满".repeat(71), 71)).isEqualTo(2);
    }
}
