package com.retailpulse.contracts.common;

import com.retailpulse.contracts.common.Assignment.Arm;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AssignmentTest {

    private static final int UNITS = 100_000;
    private static final List<Arm> HALVES = List.of(new Arm("a", 1), new Arm("b", 1));

    private static Map<String, Double> shares(String experiment, double holdout, List<Arm> arms) {
        Assignment assignment = new Assignment(holdout, arms);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < UNITS; i++) {
            counts.merge(assignment.armOf(experiment, "customer-" + i), 1, Integer::sum);
        }
        Map<String, Double> shares = new HashMap<>();
        counts.forEach((arm, n) -> shares.put(arm, n / (double) UNITS));
        return shares;
    }

    @Test
    void the_same_customer_in_the_same_experiment_always_gets_the_same_arm() {
        String first = Assignment.arm("singles-day-2026", "customer-42", 0.1, HALVES);
        for (int i = 0; i < 100; i++) {
            assertThat(Assignment.arm("singles-day-2026", "customer-42", 0.1, HALVES)).isEqualTo(first);
        }
    }

    @Test
    void the_hash_is_pinned_so_a_running_campaign_never_reassigns_its_customers() {
        // values from Python's hashlib: int(sha256(b"exp:u2").digest()[:8]) >> 11, divided by 2**53
        assertThat(Assignment.uniform("singles-day-2026", "customer-42")).isEqualTo(0.9052377971418613);
        assertThat(Assignment.uniform("exp", "u2")).isEqualTo(0.04635389887474406);
        assertThat(List.of("u1", "u2", "u3", "u4").stream().map(u -> Assignment.arm("exp", u, 0.1, HALVES)).toList())
                .containsExactly("b", Assignment.HOLDOUT, "b", "b");
    }

    @Test
    void a_ten_percent_holdout_and_two_equal_arms_split_ten_forty_five_forty_five() {
        Map<String, Double> shares = shares("singles-day-2026", 0.1, HALVES);
        assertThat(shares.keySet()).containsExactlyInAnyOrder(Assignment.HOLDOUT, "a", "b");
        assertThat(shares.get(Assignment.HOLDOUT)).isCloseTo(0.10, within(0.015));
        assertThat(shares.get("a")).isCloseTo(0.45, within(0.015));
        assertThat(shares.get("b")).isCloseTo(0.45, within(0.015));
    }

    @Test
    void weights_split_the_treated_part_in_proportion() {
        Map<String, Double> shares = shares("spring-sale", 0.2, List.of(new Arm("a", 1), new Arm("b", 2), new Arm("c", 5)));
        assertThat(shares.get(Assignment.HOLDOUT)).isCloseTo(0.20, within(0.015));
        assertThat(shares.get("a")).isCloseTo(0.10, within(0.015));
        assertThat(shares.get("b")).isCloseTo(0.20, within(0.015));
        assertThat(shares.get("c")).isCloseTo(0.50, within(0.015));
    }

    @Test
    void without_holdout_everyone_gets_an_arm() {
        assertThat(shares("exp", 0.0, List.of(new Arm("only", 3)))).containsOnlyKeys("only");
    }

    @Test
    void different_experiments_assign_independently() {
        Assignment split = new Assignment(0.0, HALVES);
        int agree = 0;
        for (int i = 0; i < UNITS; i++) {
            String unit = "customer-" + i;
            if (split.armOf("campaign-one", unit).equals(split.armOf("campaign-two", unit))) {
                agree++;
            }
        }
        // two fair coins agree half the time; the same hash for both would agree always
        assertThat(agree / (double) UNITS).isCloseTo(0.5, within(0.015));

        Assignment holdout = new Assignment(0.1, HALVES);
        int bothHeldOut = 0;
        for (int i = 0; i < UNITS; i++) {
            String unit = "customer-" + i;
            if (holdout.armOf("campaign-one", unit).equals(Assignment.HOLDOUT) && holdout.armOf("campaign-two", unit).equals(Assignment.HOLDOUT)) {
                bothHeldOut++;
            }
        }
        // independent: 10 % × 10 % = 1 % held out of both, not the same 10 % every time
        assertThat(bothHeldOut / (double) UNITS).isCloseTo(0.01, within(0.003));
    }

    @Test
    void invalid_experiments_are_refused_with_the_reason() {
        assertThatThrownBy(() -> Assignment.arm("e", "u", -0.01, HALVES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("holdoutShare must be at least 0 and below 1, got -0.01");
        assertThatThrownBy(() -> Assignment.arm("e", "u", 1.0, HALVES))
                .hasMessage("holdoutShare must be at least 0 and below 1, got 1.0");
        assertThatThrownBy(() -> Assignment.arm("e", "u", Double.NaN, HALVES))
                .hasMessage("holdoutShare must be at least 0 and below 1, got NaN");
        assertThatThrownBy(() -> Assignment.arm("e", "u", 0.1, List.of()))
                .hasMessage("arms: an experiment needs at least one arm");
        assertThatThrownBy(() -> new Arm("a", 0))
                .hasMessage("arm weight must be positive, got 0 for arm 'a'");
        assertThatThrownBy(() -> new Arm("b", -3))
                .hasMessage("arm weight must be positive, got -3 for arm 'b'");
        assertThatThrownBy(() -> new Arm(Assignment.HOLDOUT, 1))
                .hasMessage("arm key 'holdout' is reserved for the holdout");
        assertThatThrownBy(() -> Assignment.arm("e", "u", 0.1, List.of(new Arm("a", 1), new Arm("a", 2))))
                .hasMessage("arms: key 'a' appears twice");
    }
}
