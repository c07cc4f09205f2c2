package com.retailpulse.contracts.journey;

import com.retailpulse.contracts.customer.CartItemAddedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.ProductViewedEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code where.minDwell}: product views at least that long (docs/journeys.md). */
class EventSpecDwellTest {

    private static final CustomerId ANN = new CustomerId("c-ann");
    private static final ProductRef PRAM = new ProductRef("sku-pram", "City pram", "stroller", null, null);
    private static final EventSpec LONG_STROLLER_VIEW = new EventSpec("product-view", Map.of("category", "stroller", "minDwell", "PT30S"));

    private static ProductViewedEvent view(ProductRef product, Duration dwell) {
        return new ProductViewedEvent(ANN, "v-1", Instant.parse("2026-11-24T10:00:00Z"), "app", product, dwell);
    }

    @Test
    void a_view_at_least_min_dwell_long_matches_and_a_shorter_one_does_not() {
        assertThat(LONG_STROLLER_VIEW.problem()).isNull();
        assertThat(LONG_STROLLER_VIEW.minDwell()).isEqualTo(Duration.ofSeconds(30));
        assertThat(LONG_STROLLER_VIEW.matches(view(PRAM, Duration.ofSeconds(30)))).isTrue();
        assertThat(LONG_STROLLER_VIEW.matches(view(PRAM, Duration.ofMinutes(4)))).isTrue();
        assertThat(LONG_STROLLER_VIEW.matches(view(PRAM, Duration.ofMillis(29_999)))).isFalse();
        // the other filters still apply
        assertThat(LONG_STROLLER_VIEW.matches(view(new ProductRef("sku-tea", "Tea", "grocery", null, null), Duration.ofMinutes(4)))).isFalse();
    }

    @Test
    void a_view_without_dwell_information_never_matches_a_min_dwell_but_matches_without_one() {
        assertThat(LONG_STROLLER_VIEW.matches(view(PRAM, null))).isFalse();
        assertThat(LONG_STROLLER_VIEW.matches(new ProductViewedEvent(ANN, "v-2", Instant.now(), "app", PRAM))).isFalse();
        assertThat(new EventSpec("product-view", Map.of("category", "stroller")).matches(view(PRAM, null))).isTrue();
    }

    @Test
    void min_dwell_on_other_events_or_malformed_is_a_problem_naming_the_filter() {
        assertThat(new EventSpec("cart-item-add", Map.of("minDwell", "PT30S")).problem())
                .isEqualTo("where.minDwell: only product-view events have a dwell time, not 'cart-item-add'");
        assertThat(new EventSpec("product-view", Map.of("minDwell", "30s")).problem())
                .isEqualTo("where.minDwell: must be a positive ISO-8601 duration such as PT30S, got '30s'");
        assertThat(new EventSpec("product-view", Map.of("minDwell", "PT0S")).problem())
                .isEqualTo("where.minDwell: must be a positive ISO-8601 duration such as PT30S, got 'PT0S'");
        assertThat(new EventSpec("product-view", Map.of("minDwell", "-PT5S")).problem()).startsWith("where.minDwell: must be a positive");
        // a carted product is never a view, whatever its filter says
        assertThat(new EventSpec("cart-item-add", Map.of("minDwell", "PT30S"))
                .matches(new CartItemAddedEvent(ANN, "a-1", Instant.now(), "app", PRAM, 1))).isFalse();
    }
}
