package com.retailpulse.projections.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.tag.TagCondition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TagConditionTest {

    private static final Instant NOW = Instant.parse("2026-07-15T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TagSettings SETTINGS = TagSettings.defaults();

    private static TagCondition parse(String json) throws Exception {
        return JSON.readValue(json, TagCondition.class);
    }

    private static boolean holds(String json, ProfileDocument doc, ContextData context) throws Exception {
        var scenarios = new ScenarioTags();
        scenarios.define(new ScenarioTags.Definition("t", 1, parse(json)));
        doc.recompute(SETTINGS, NOW, scenarios, new Segments(), context);
        return (Boolean) doc.tags().get("scenario.t");
    }

    private static ProfileDocument shopper() {
        ProfileDocument doc = ProfileDocument.empty("c");
        ProfilePart part = doc.part("c");
        part.facts.productInteraction("view", NOW.minusSeconds(86_400L * 3), "app",
                new ProductRef("AC-1", null, "air-conditioners", null, null), ZoneOffset.UTC);
        part.facts.order(NOW.minusSeconds(86_400L * 20), "CNY", List.of(new OrderLine("D-1", "diapers", 2, new BigDecimal("80"))),
                new BigDecimal("160"), "tmall", sku -> new ProductRef(sku, null, "mother-baby", "Pampers", null), ZoneOffset.UTC);
        part.attributes.state("region", "Guangzhou", NOW, "crm");
        return doc;
    }

    @Test
    void the_json_shape_tells_the_kind_of_condition() throws Exception {
        assertThat(parse("{\"all\":[{\"not\":{\"field\":\"value.tier\",\"op\":\"eq\",\"value\":\"churned\"}}]}"))
                .isEqualTo(new TagCondition.All(List.of(new TagCondition.Not(
                        new TagCondition.Field("value.tier", TagCondition.Op.eq, "churned")))));
        assertThat(parse("{\"activity\":\"view\",\"withinDays\":14,\"atLeast\":1}"))
                .isEqualTo(new TagCondition.Activity("view", null, 14, 1));
        assertThat(parse("{\"context\":\"hot_weather\",\"minTempC\":32}"))
                .isEqualTo(new TagCondition.Context("hot_weather", null, 32.0, null));
    }

    @Test
    void the_issue_examples_hold_for_the_customer_they_describe() throws Exception {
        assertThat(holds("{\"any\":[{\"activity\":\"view\",\"category\":\"air-conditioners\",\"withinDays\":14,\"atLeast\":1},"
                + "{\"activity\":\"view\",\"category\":\"fans\",\"withinDays\":14,\"atLeast\":1}]}", shopper(), ContextData.NONE)).isTrue();
        assertThat(holds("{\"activity\":\"view\",\"category\":\"air-conditioners\",\"withinDays\":2,\"atLeast\":1}",
                shopper(), ContextData.NONE)).isFalse();
        assertThat(holds("{\"field\":\"behaviour.preferredCategories\",\"op\":\"in\",\"value\":[\"mother-baby\",\"toys\"]}",
                shopper(), ContextData.NONE)).isTrue();
        assertThat(holds("{\"all\":[{\"field\":\"value.ltv\",\"op\":\"gte\",\"value\":160},"
                + "{\"field\":\"attributes.region\",\"op\":\"eq\",\"value\":\"Guangzhou\"}]}", shopper(), ContextData.NONE)).isTrue();
        assertThat(holds("{\"field\":\"value.ltv\",\"op\":\"gt\",\"value\":160}", shopper(), ContextData.NONE)).isFalse();
        // counts of things never done are left out of the document, and read as 0
        assertThat(holds("{\"field\":\"activity.login.total\",\"op\":\"eq\",\"value\":0}", shopper(), ContextData.NONE)).isTrue();
        assertThat(holds("{\"field\":\"activity.login.30d\",\"op\":\"lt\",\"value\":1}", shopper(), ContextData.NONE)).isTrue();
    }

    @Test
    void context_conditions_read_the_customers_region() throws Exception {
        ContextData summer = new ContextData() {
            @Override
            public boolean holidayBetween(String region, LocalDate from, LocalDate to) {
                return region.equals("Guangzhou") && !LocalDate.of(2026, 7, 20).isBefore(from) && !LocalDate.of(2026, 7, 20).isAfter(to);
            }

            @Override
            public Optional<Weather> weather(String region, LocalDate day) {
                return region.equals("Guangzhou") ? Optional.of(new Weather(27, 35, "sunny")) : Optional.empty();
            }
        };
        assertThat(holds("{\"context\":\"hot_weather\",\"minTempC\":33}", shopper(), summer)).isTrue();
        assertThat(holds("{\"context\":\"hot_weather\",\"minTempC\":36}", shopper(), summer)).isFalse();
        assertThat(holds("{\"context\":\"holiday_within\",\"days\":7}", shopper(), summer)).isTrue();
        assertThat(holds("{\"context\":\"holiday_within\",\"days\":3}", shopper(), summer)).isFalse();
        ProfileDocument nowhere = ProfileDocument.empty("n");
        nowhere.part("n").facts.interaction("login", NOW, "app", ZoneOffset.UTC);
        assertThat(holds("{\"context\":\"hot_weather\"}", nowhere, summer)).isFalse();
    }

    @Test
    void mistakes_are_named_where_they_are() throws Exception {
        List<String> errors = TagConditionValidator.validate(parse("""
                {"any": [{"field": "value.tierr", "op": "eq", "value": "x"},
                         {"not": {"activity": "view", "withinDays": 500, "atLeast": 1}},
                         {"context": "snow_day"},
                         {"field": "value.tier", "op": "in", "value": []}]}"""), SETTINGS);
        assertThat(errors).containsExactly(
                "condition.any[0].field: unknown dimension 'value.tierr'; use a name from docs/tags.md or attributes.<name>",
                "condition.any[1].not.withinDays: must be 1–400 (days of activity kept), got 500",
                "condition.any[2].context: unknown context 'snow_day'; known: cold_weather, holiday_within, hot_weather, rainy",
                "condition.any[3].value: 'in' needs a non-empty list");
        assertThat(TagConditionValidator.validate(parse("{\"field\":\"attributes.level\",\"op\":\"eq\",\"value\":\"gold\"}"),
                SETTINGS)).isEmpty();
    }
}
