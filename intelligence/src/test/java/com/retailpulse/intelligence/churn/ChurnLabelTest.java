package com.retailpulse.intelligence.churn;

import org.junit.jupiter.api.Test;

import com.retailpulse.intelligence.data.Purchase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    @Test
    void rows_at_a_cutoff_are_for_customers_who_bought_within_the_active_window_before_it() {
        Map<String, List<Purchase>> byCustomer = Map.of(
                "edge", List.of(buy("edge", "2010-12-01T00:00:00Z")),
                "lapsed", List.of(buy("lapsed", "2010-11-30T23:59:59Z")),
                "returned-only-lately", List.of(buy("returned-only-lately", "2010-06-01T00:00:00Z"),
                        new Purchase("returned-only-lately", "C1", Instant.parse("2011-08-01T00:00:00Z"), "A", -1, 1.0)),
                "bought-at-the-cutoff", List.of(buy("bought-at-the-cutoff", "2011-09-10T00:00:00Z")));

        ChurnRows rows = ChurnRows.at(CUTOFF, byCustomer, Duration.ofDays(283));

        // 283 days before 2011-09-10 is 2010-12-01: the first round's holdout population, kept for the second.
        assertThat(rows.customers()).containsExactly("edge");
        assertThat(ChurnRows.at(CUTOFF, byCustomer).customers()).containsExactlyInAnyOrder("edge", "lapsed", "returned-only-lately");
    }

    private static Purchase buy(String customer, String at) {
        return new Purchase(customer, "o-" + customer, Instant.parse(at), "A", 1, 1.0);
    }
}
