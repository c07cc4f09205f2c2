package com.retailpulse.intelligence.ltv;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GammaGammaTest {
    private static final DataWindow WINDOW = DataWindow.of(LocalDate.parse("2024-01-01"), PeriodUnit.DAYS);

    @Test
    void expected_spend_weighs_the_population_mean_against_the_customers_own_mean() {
        GammaGammaFit fit = new GammaGammaFit(6, 4, 15, 0, 1, WINDOW);

        // p (v + x m) / (p x + q - 1): x = 2, m = 10 gives 6 * 35 / 15; x = 0 gives the mean p v / (q - 1)
        assertThat(fit.conditionalExpectedAverageSpend(2, 10)).isCloseTo(14, within(1e-12));
        assertThat(fit.conditionalExpectedAverageSpend(0, 0)).isCloseTo(30, within(1e-12));
        assertThat(fit.conditionalExpectedAverageSpend(1000, 10)).isCloseTo(10, within(0.01));
    }

    @Test
    void without_a_finite_population_mean_a_new_customers_spend_is_refused() {
        GammaGammaFit heavyTailed = new GammaGammaFit(6, 0.9, 15, 0, 1, WINDOW);

        assertThatThrownBy(() -> heavyTailed.conditionalExpectedAverageSpend(0, 0)).hasMessageContaining("infinite");
    }

    @Test
    void the_fit_recovers_the_parameters_that_generated_the_data() {
        CustomerSummaries simulated = simulate(6, 4, 15, 3_000, new Well19937c(11));

        GammaGammaFit fit = GammaGamma.fit(simulated);

        assertThat(fit.p()).isCloseTo(6, within(0.6));
        assertThat(fit.q()).isCloseTo(4, within(0.6));
        assertThat(fit.v()).isCloseTo(15, within(3.0));
        assertThat(fit.customers()).isEqualTo(3_000);
    }

    @Test
    void customers_without_repeat_purchases_are_left_out() {
        List<CustomerSummary> customers = new ArrayList<>(simulate(6, 4, 15, 500, new Well19937c(3)).customers());
        customers.add(new CustomerSummary("one-timer", 0, 0, 10, 0));

        assertThat(GammaGamma.fit(new CustomerSummaries(WINDOW, customers)).customers()).isEqualTo(500);
    }

    @Test
    void a_population_without_repeat_buyers_is_rejected() {
        assertThatThrownBy(() -> GammaGamma.fit(new CustomerSummaries(WINDOW, List.of(new CustomerSummary("c", 0, 0, 3, 0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs repeat buyers");
    }

    @Test
    void a_repeat_buyer_who_spent_nothing_is_rejected_by_name() {
        assertThatThrownBy(() -> GammaGamma.fit(new CustomerSummaries(WINDOW, List.of(new CustomerSummary("free", 2, 3, 5, 0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("free has 0.0");
    }

    /** Repeat buyers with 1..10 repeat transactions whose values are Gamma(p, nu), nu ~ Gamma(q, v). */
    private static CustomerSummaries simulate(double p, double q, double v, int count, RandomGenerator random) {
        GammaDistribution rates = new GammaDistribution(random, q, 1 / v);
        List<CustomerSummary> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GammaDistribution values = new GammaDistribution(random, p, 1 / rates.sample());
            int x = 1 + random.nextInt(10);
            double total = 0;
            for (int j = 0; j < x; j++) {
                total += values.sample();
            }
            customers.add(new CustomerSummary("c" + i, x, 5, 10, total / x));
        }
        return new CustomerSummaries(WINDOW, customers);
    }
}
