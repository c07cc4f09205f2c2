package com.retailpulse.intelligence.ltv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HypergeometricTest {

    @Test
    void the_series_matches_closed_forms() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z and 2F1(a, b; b; z) = (1 - z)^-a
        assertThat(Hypergeometric.timesFactor(0, 1, 1, 2, 0.5)).isCloseTo(2 * Math.log(2), within(1e-14));
        assertThat(Hypergeometric.timesFactor(0, 1, 1, 2, 0.99)).isCloseTo(-Math.log(0.01) / 0.99, within(1e-10));
        assertThat(Hypergeometric.timesFactor(0, 2.5, 3, 3, 0.3)).isCloseTo(Math.pow(0.7, -2.5), within(1e-13));
        assertThat(Hypergeometric.timesFactor(0, 1, 1, 2, 0)).isEqualTo(1);
    }

    @Test
    void a_value_beyond_a_double_times_a_tiny_factor_is_exact() {
        // 2F1(900, 5; 5; 1/2) = 2^900, far past Double.MAX_VALUE; times 2^-900 it is 1
        assertThat(Hypergeometric.timesFactor(-900 * Math.log(2), 900, 5, 5, 0.5)).isCloseTo(1, within(1e-9));
    }

    @Test
    void arguments_outside_the_series_domain_are_rejected() {
        assertThatThrownBy(() -> Hypergeometric.timesFactor(0, 1, 1, 2, 1)).hasMessageContaining("0 <= z < 1");
        assertThatThrownBy(() -> Hypergeometric.timesFactor(0, 1, 1, -2, 0.5)).hasMessageContaining("non-positive integer");
    }
}
