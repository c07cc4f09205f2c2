package com.retailpulse.projections.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.tag.TagCondition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileDocumentTest {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    private static final TagSettings SETTINGS = TagSettings.defaults();

    private static void order(ProfilePart part, String total, Instant at) {
        part.facts.order(at, "GBP", List.of(new OrderLine("A", "a", 1, new BigDecimal(total))), new BigDecimal(total), "pos",
                sku -> null, ZoneOffset.UTC);
    }

    @Test
    void events_applied_out_of_order_give_the_same_facts_and_repeats_are_recognised() {
        ProfileDocument doc = ProfileDocument.empty("c-1");
        ProfilePart part = doc.part("c-1");
        // sequence 2 arrives first (its predecessors were still a gap in the store's global order)
        order(part, "5.00", T.plusSeconds(60));
        part.applied(2);
        assertThat(part.hasApplied(2)).isTrue();
        assertThat(part.hasApplied(0)).isFalse();
        assertThat(part.appliedThrough()).isEqualTo(-1);

        part.identifiers.add("member:1");
        part.applied(0);
        order(part, "3.00", T);
        part.applied(1);
        doc.recompute(SETTINGS, T.plusSeconds(3600));

        assertThat(part.appliedThrough()).isEqualTo(2);
        assertThat(part.hasApplied(1)).isTrue();
        assertThat(doc.orders().count()).isEqualTo(2);
        assertThat(doc.orders().revenue()).isEqualByComparingTo("8.00");
        assertThat(doc.orders().firstOrderAt()).isEqualTo(T);
        assertThat(doc.orders().lastOrderAt()).isEqualTo(T.plusSeconds(60));
        assertThat(doc.identifiers()).containsExactly("member:1");
    }

    @Test
    void a_merged_profile_covers_both_records_and_splits_back_exactly() {
        ProfileDocument survivor = ProfileDocument.empty("mem");
        ProfilePart own = survivor.part("mem");
        own.identifiers.add("member:7");
        order(own, "100.00", T);
        ProfileDocument absorbed = ProfileDocument.empty("dev");
        ProfilePart device = absorbed.part("dev");
        device.identifiers.add("device:ios-42");
        device.facts.productInteraction("view", T.minusSeconds(600), "app",
                new ProductRef("FAN-1", "Desk fan", "fans", "Midea", null), ZoneOffset.UTC);
        order(device, "20.00", T.minusSeconds(300));

        survivor.putPart("dev", absorbed.removePart("dev"));
        survivor.recompute(SETTINGS, T.plusSeconds(60));

        assertThat(survivor.identifiers()).containsExactly("member:7", "device:ios-42");
        assertThat(survivor.orders().count()).isEqualTo(2);
        assertThat(survivor.orders().revenue()).isEqualByComparingTo("120.00");
        assertThat(survivor.tags()).containsEntry("activity.view.total", 1L).containsEntry("value.ltv", 120.0)
                .containsEntry("funnel.viewToOrder", 2.0);
        assertThat(survivor.records()).containsExactly("mem", "dev");

        absorbed.putPart("dev", survivor.removePart("dev"));
        survivor.recompute(SETTINGS, T.plusSeconds(60));
        absorbed.recompute(SETTINGS, T.plusSeconds(60));
        assertThat(survivor.orders().revenue()).isEqualByComparingTo("100.00");
        assertThat(survivor.tags()).doesNotContainKey("funnel.viewToOrder").doesNotContainKey("activity.view.total");
        assertThat(absorbed.orders().revenue()).isEqualByComparingTo("20.00");
        assertThat(absorbed.tags()).containsEntry("activity.view.total", 1L);
    }

    @Test
    void value_tier_and_lifecycle_follow_the_documented_thresholds() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        ProfileDocument big = ProfileDocument.empty("big");
        order(big.part("big"), "3000.00", now.minusSeconds(86_400L * 200));
        order(big.part("big"), "2500.00", now.minusSeconds(86_400L * 10));
        big.recompute(SETTINGS, now);
        assertThat(big.tags()).containsEntry("value.tier", "high_value").containsEntry("lifecycle.stage", "active")
                .containsEntry("value.purchaseIntervalDays", 190.0);

        ProfileDocument once = ProfileDocument.empty("once");
        order(once.part("once"), "30.00", now.minusSeconds(86_400L * 5));
        once.recompute(SETTINGS, now);
        assertThat(once.tags()).containsEntry("value.tier", "potential").containsEntry("lifecycle.stage", "new");

        ProfileDocument gone = ProfileDocument.empty("gone");
        order(gone.part("gone"), "30.00", now.minusSeconds(86_400L * 91));
        order(gone.part("gone"), "30.00", now.minusSeconds(86_400L * 95));
        gone.recompute(SETTINGS, now);
        assertThat(gone.tags()).containsEntry("value.tier", "churned").containsEntry("lifecycle.stage", "churned");

        ProfileDocument browsing = ProfileDocument.empty("browsing");
        browsing.part("browsing").facts.interaction("login", now.minusSeconds(3600), "app", ZoneOffset.UTC);
        browsing.recompute(SETTINGS, now);
        assertThat(browsing.tags()).containsEntry("value.tier", "potential").containsEntry("lifecycle.stage", "prospect")
                .containsEntry("activity.login.7d", 1L).containsEntry("channel.preferred", "app");
    }

    @Test
    void the_profile_carries_over_two_hundred_declared_dimensions() {
        assertThat(ProfileDimensions.all()).hasSizeGreaterThan(200);
        assertThat(ProfileDimensions.all().stream().map(ProfileDimensions.Dimension::name).distinct().count())
                .isEqualTo(ProfileDimensions.all().size());
    }

    @Test
    void recorded_model_scores_are_dimensions_segments_can_test_and_a_merged_customer_shows_the_newest_per_model()
            throws Exception {
        ProfileDocument survivor = ProfileDocument.empty("mem");
        ProfilePart own = survivor.part("mem");
        order(own, "100.00", T);
        own.scores.put("churn", new ModelScore(3, Map.of("probability", 0.72), null, T.plusSeconds(10)));
        own.scores.put("clusters", new ModelScore(1, Map.of("index", 2.0), "Lapsed, infrequent low spenders",
                T.plusSeconds(10)));
        ProfilePart device = ProfileDocument.empty("dev").part("dev");
        order(device, "20.00", T.minusSeconds(300));
        // scored again later, while it was still a customer of its own: newer than the survivor's churn score
        device.scores.put("churn", new ModelScore(4, Map.of("probability", 0.31), null, T.plusSeconds(20)));
        survivor.putPart("dev", device);
        Segments segments = new Segments();
        segments.define(new Segments.Definition("likely_to_churn", 1, "Likely to churn", new ObjectMapper().readValue(
                "{\"field\":\"score.churn.probability\",\"op\":\"gte\",\"value\":0.6}", TagCondition.class)));
        survivor.recompute(SETTINGS, T.plusSeconds(60), new ScenarioTags(), segments, ContextData.NONE);

        assertThat(survivor.tags()).containsEntry("score.churn.probability", 0.31).containsEntry("score.churn.version", 4L)
                .containsEntry("score.churn.scoredAt", T.plusSeconds(20))
                .containsEntry("score.clusters.index", 2L).containsEntry("score.clusters.name", "Lapsed, infrequent low spenders")
                .doesNotContainKey("score.ltv.expectedValue90d");
        assertThat(survivor.segments()).doesNotContain("likely_to_churn");

        survivor.removePart("dev");
        survivor.recompute(SETTINGS, T.plusSeconds(60), new ScenarioTags(), segments, ContextData.NONE);
        assertThat(survivor.tags()).containsEntry("score.churn.probability", 0.72).containsEntry("score.churn.version", 3L);
        assertThat(survivor.segments()).containsExactly("likely_to_churn");
    }
}
