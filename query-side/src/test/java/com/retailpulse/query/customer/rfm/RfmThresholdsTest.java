package com.retailpulse.query.customer.rfm;

import com.retailpulse.projections.profile.ProfileIndex.RfmValues;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RfmThresholdsTest {

    private static final Instant T0 = Instant.parse("2011-01-01T00:00:00Z");

    /** Ten customers: the i-th ordered i times, spent 10·i, last ordered i days after T0. */
    private static List<RfmValues> tenCustomers() {
        return IntStream.rangeClosed(1, 10)
                .mapToObj(i -> new RfmValues("c" + i, T0.plusSeconds(86_400L * i), i, BigDecimal.valueOf(10L * i)))
                .toList();
    }

    @Test
    void quintile_cut_points_are_the_values_at_the_nearest_ranks() {
        RfmThresholds t = RfmThresholds.of(tenCustomers(), T0);
        assertThat(t.frequencyCuts()).containsExactly(2L, 4L, 6L, 8L);
        assertThat(t.monetaryCuts()).containsExactly(BigDecimal.valueOf(20), BigDecimal.valueOf(40),
                BigDecimal.valueOf(60), BigDecimal.valueOf(80));
        assertThat(t.population()).isEqualTo(10);
    }

    @Test
    void each_fifth_of_the_population_gets_its_own_score_and_recent_buyers_score_high_on_recency() {
        RfmThresholds t = RfmThresholds.of(tenCustomers(), T0);
        assertThat(t.score(T0.plusSeconds(86_400), 1, BigDecimal.TEN)).isEqualTo(
                new RfmThresholds.RfmScore(1, 1, 1, RfmGroup.LOST));
        assertThat(t.score(T0.plusSeconds(86_400L * 10), 10, BigDecimal.valueOf(100))).isEqualTo(
                new RfmThresholds.RfmScore(5, 5, 5, RfmGroup.CHAMPIONS));
        assertThat(t.score(T0.plusSeconds(86_400L * 5), 6, BigDecimal.valueOf(41)).f()).isEqualTo(3);
    }

    @Test
    void equal_values_get_equal_scores_even_when_a_fifth_boundary_falls_among_them() {
        List<RfmValues> mostlyOneOrder = IntStream.rangeClosed(1, 10)
                .mapToObj(i -> new RfmValues("c" + i, T0, i <= 7 ? 1 : i, BigDecimal.ONE)).toList();
        RfmThresholds t = RfmThresholds.of(mostlyOneOrder, T0);
        assertThat(t.frequencyCuts()).containsExactly(1L, 1L, 1L, 8L);
        assertThat(t.score(T0, 1, BigDecimal.ONE).f()).isEqualTo(1);
        assertThat(t.score(T0, 8, BigDecimal.ONE).f()).isEqualTo(4);
        assertThat(t.score(T0, 9, BigDecimal.ONE).f()).isEqualTo(5);
    }

    @Test
    void no_scores_before_a_population_exists_or_for_customers_who_never_ordered() {
        assertThat(RfmThresholds.NONE.score(T0, 1, BigDecimal.ONE)).isNull();
        assertThat(RfmThresholds.of(tenCustomers(), T0).score(null, 0, BigDecimal.ZERO)).isNull();
    }

    @Test
    void groups_follow_the_documented_map() {
        assertThat(RfmGroup.of(5, 5)).isEqualTo(RfmGroup.CHAMPIONS);
        assertThat(RfmGroup.of(4, 1)).isEqualTo(RfmGroup.NEW_CUSTOMERS);
        assertThat(RfmGroup.of(4, 3)).isEqualTo(RfmGroup.POTENTIAL_LOYALISTS);
        assertThat(RfmGroup.of(3, 4)).isEqualTo(RfmGroup.LOYAL);
        assertThat(RfmGroup.of(3, 2)).isEqualTo(RfmGroup.NEED_ATTENTION);
        assertThat(RfmGroup.of(3, 1)).isEqualTo(RfmGroup.ABOUT_TO_SLEEP);
        assertThat(RfmGroup.of(2, 5)).isEqualTo(RfmGroup.AT_RISK);
        assertThat(RfmGroup.of(1, 3)).isEqualTo(RfmGroup.AT_RISK);
        assertThat(RfmGroup.of(1, 5)).isEqualTo(RfmGroup.CANNOT_LOSE_THEM);
        assertThat(RfmGroup.of(2, 2)).isEqualTo(RfmGroup.HIBERNATING);
        assertThat(RfmGroup.of(1, 1)).isEqualTo(RfmGroup.LOST);
    }
}
