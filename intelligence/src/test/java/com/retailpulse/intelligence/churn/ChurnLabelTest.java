package com.retailpulse.intelligence.churn;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.retailpulse.intelligence.churn.Histories.line;
import static org.assertj.core.api.Assertions.assertThat;

class ChurnLabelTest {
    static final Instant CUTOFF = Instant.parse("2011-09-10T00:00:00Z");

    @Test
    void a_customer_who_buys_within_90_days_after_the_cutoff_has_not_churned() {
        assertThat(ChurnLabel.churned(List.of(line("o", "2011-09-11T10:00:00Z", "A", 1, 1.0)), CUTOFF)).isFalse();
    }

    @Test
    void the_window_ends_90_days_after_the_cutoff_inclusive() {
        assertThat(ChurnLabel.windowEnd(CUTOFF)).isEqualTo(Instant.parse("2011-12-09T00:00:00Z"));
        assertThat(ChurnLabel.churned(List.of(line("o", "2011-12-09T00:00:00Z", "A", 1, 1.0)), CUTOFF)).isFalse();
        assertThat(ChurnLabel.churned(List.of(line("o", "2011-12-09T00:00:01Z", "A", 1, 1.0)), CUTOFF)).isTrue();
    }

    @Test
    void a_purchase_at_or_before_the_cutoff_does_not_count_as_coming_back() {
        assertThat(ChurnLabel.churned(List.of(line("o", "2011-09-10T00:00:00Z", "A", 1, 1.0),
                line("p", "2011-09-01T00:00:00Z", "A", 1, 1.0)), CUTOFF)).isTrue();
    }

    @Test
    void a_customer_who_only_returns_goods_in_the_window_has_churned() {
        assertThat(ChurnLabel.churned(List.of(line("p", "2011-09-01T00:00:00Z", "A", 2, 1.0),
                line("C1", "2011-10-01T00:00:00Z", "A", -2, 1.0)), CUTOFF)).isTrue();
    }
}
