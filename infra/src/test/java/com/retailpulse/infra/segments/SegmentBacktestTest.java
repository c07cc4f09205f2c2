package com.retailpulse.infra.segments;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A segment definition over four daily checkpoints, worked by hand (docs/backtests.md). */
class SegmentBacktestTest {

    private static final Instant NOV_1 = Instant.parse("2011-11-01T00:00:00Z");
    private static final Instant NOV_2 = Instant.parse("2011-11-02T00:00:00Z");
    private static final Instant NOV_3 = Instant.parse("2011-11-03T00:00:00Z");
    private static final Instant NOV_4 = Instant.parse("2011-11-04T00:00:00Z");

    @Test
    void members_entries_exits_and_the_orders_that_followed_entry_against_everyone_else() {
        SegmentBacktest backtest = new SegmentBacktest(new SegmentBacktest.Plan(NOV_1, NOV_4, Duration.ofDays(1), Duration.ofDays(2)));
        assertThat(backtest.checkpoints()).containsExactly(NOV_1, NOV_2, NOV_3, NOV_4);

        backtest.customer("A", List.of(true, true, false, true));      // in at the start, out on the 3rd, back on the 4th
        backtest.customer("B", Arrays.asList(null, false, true, true)); // new on the 2nd, enters on the 3rd
        backtest.customer("C", List.of(false, false, false, false));    // never in
        backtest.customer("D", Arrays.asList(null, null, null, null));  // no profile in the period: not counted
        backtest.customer("E", Arrays.asList(null, null, false, false));
        backtest.order("A", NOV_1.plusSeconds(12 * 3600), "GBP", new BigDecimal("10.00")); // within 2 days of entering (the 1st)
        backtest.order("A", NOV_3, "GBP", new BigDecimal("5.00"));                          // the window's end: not counted
        backtest.order("B", NOV_2, "GBP", new BigDecimal("7.00"));                          // before entering
        backtest.order("B", NOV_4, "GBP", new BigDecimal("20.00"));                         // within 2 days of the 3rd
        backtest.order("C", NOV_4.plus(Duration.ofDays(1)), "GBP", new BigDecimal("30.00")); // C's window is the 1st to the 3rd
        backtest.order("E", NOV_4, "EUR", new BigDecimal("8.00"));                          // within 2 days of first being seen (the 3rd)

        SegmentBacktest.Result r = backtest.result();

        assertThat(r.series()).containsExactly(
                new SegmentBacktest.Point(NOV_1, 1, 0, 0),
                new SegmentBacktest.Point(NOV_2, 1, 0, 0),
                new SegmentBacktest.Point(NOV_3, 1, 1, 1),
                new SegmentBacktest.Point(NOV_4, 2, 1, 0));
        assertThat(r.membersAtStart()).isEqualTo(1);
        assertThat(r.membersAtEnd()).isEqualTo(2);
        assertThat(r.peakMembers()).isEqualTo(2);
        assertThat(r.peakAt()).isEqualTo(NOV_4);
        assertThat(r.averageMembers()).isEqualTo(1.25);
        assertThat(r.customersEver()).isEqualTo(2);
        assertThat(r.customersProfiled()).isEqualTo(4);
        assertThat(r.entries()).isEqualTo(2);
        assertThat(r.exits()).isEqualTo(1);
        assertThat(r.members()).isEqualTo(new SegmentBacktest.Conversions(2, 2, 1.0, 2, Map.of("GBP", new BigDecimal("30.00"))));
        assertThat(r.others()).isEqualTo(new SegmentBacktest.Conversions(2, 1, 0.5, 1, Map.of("EUR", new BigDecimal("8.00"))));
        assertThat(r.lift()).isEqualTo(2.0);
        assertThat(r.sample()).containsExactly(new SegmentBacktest.Member("A", NOV_1, NOV_4, 1), new SegmentBacktest.Member("B", NOV_3, NOV_4, 1));
    }

    @Test
    void no_one_profiled_gives_no_rates_rather_than_zero() {
        SegmentBacktest backtest = new SegmentBacktest(new SegmentBacktest.Plan(NOV_1, NOV_2, Duration.ofHours(12), Duration.ofDays(7)));
        backtest.customer("X", Arrays.asList(null, null, null));
        SegmentBacktest.Result r = backtest.result();
        assertThat(r.series()).hasSize(3);
        assertThat(r.members().rate()).isNull();
        assertThat(r.others().rate()).isNull();
        assertThat(r.lift()).isNull();
    }

    @Test
    void a_plan_names_what_is_wrong_with_it() {
        assertThatThrownBy(() -> new SegmentBacktest.Plan(NOV_2, NOV_1, Duration.ofDays(1), Duration.ofDays(7)))
                .hasMessageContaining("must end after it starts");
        assertThatThrownBy(() -> new SegmentBacktest.Plan(NOV_1, NOV_2, Duration.ZERO, Duration.ofDays(7)))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new SegmentBacktest.Plan(NOV_1, NOV_1.plus(Duration.ofDays(400)), Duration.ofDays(1), Duration.ofDays(7)))
                .hasMessageContaining("at most 400 checkpoints").hasMessageContaining("gives 401");
        SegmentBacktest backtest = new SegmentBacktest(new SegmentBacktest.Plan(NOV_1, NOV_2, Duration.ofDays(1), Duration.ofDays(7)));
        assertThatThrownBy(() -> backtest.customer("A", List.of(true))).hasMessageContaining("one standing per checkpoint: 2, got 1");
    }
}
