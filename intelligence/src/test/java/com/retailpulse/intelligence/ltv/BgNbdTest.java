package com.retailpulse.intelligence.ltv;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
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

class BgNbdTest {
    private static final DataWindow WINDOW = DataWindow.of(LocalDate.parse("2024-01-01"), PeriodUnit.WEEKS);

    private static BgNbdFit model(double r, double alpha, double a, double b) {
        return new BgNbdFit(r, alpha, a, b, 0, 0, 1, WINDOW);
    }

    @Test
    void a_new_customer_expects_the_closed_form_number_of_purchases() {
        // x = 0, T = 0 is the unconditional E[X(t)]; with r = alpha = b = 1, a = 2 and t = 1 the 2F1 is
        // 2F1(1, 1; 2; 1/2) = 2 ln 2, so E = 2 (1 - ln 2 / 2 * 2 / 2) = 2 (1 - ln 2).
        assertThat(model(1, 1, 2, 1).conditionalExpectedPurchases(1, 0, 0, 0)).isCloseTo(2 * (1 - Math.log(2)), within(1e-12));
    }

    @Test
    void probability_alive_follows_from_the_odds_of_having_dropped_out_after_the_last_purchase() {
        // odds of dropout = a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x) = 1/2 * (3/2)^2 = 1.125
        assertThat(model(1, 1, 1, 2).probabilityAlive(1, 1, 2)).isCloseTo(1 / 2.125, within(1e-12));
        assertThat(model(1, 1, 1, 2).probabilityAlive(0, 0, 50)).isEqualTo(1);
        assertThat(model(1, 1, 1, 2).probabilityAlive(3, 10, 10)).isGreaterThan(model(1, 1, 1, 2).probabilityAlive(3, 2, 10));
    }

    @Test
    void a_customer_without_repeat_purchases_has_the_likelihood_of_buying_nothing_for_T() {
        // L = (alpha / (alpha + T))^r
        assertThat(BgNbd.logLikelihood(0.5, 2, 0.7, 3, 0, 0, 6)).isCloseTo(0.5 * Math.log(2 / 8.0), within(1e-12));
    }

    @Test
    void a_heavy_buyers_expectation_matches_an_independent_implementation() {
        // Reference: FHL eq. 10 with scipy 1.17's hyp2f1, whose 2F1 here is about 1e113.
        double expected = model(0.25, 4, 0.8, 2.4).conditionalExpectedPurchases(39, 400, 38, 38.5);

        assertThat(expected).isCloseTo(227.015790939633, within(1e-7));
    }

    @Test
    void the_fit_recovers_the_parameters_that_generated_the_data() {
        double r = 0.5;
        double alpha = 5;
        double a = 0.8;
        double b = 2.5;
        CustomerSummaries simulated = simulate(r, alpha, a, b, 6_000, new Well19937c(7));

        BgNbdFit fit = BgNbd.fit(simulated);

        assertThat(fit.r()).isCloseTo(r, within(0.1 * r));
        assertThat(fit.alpha()).isCloseTo(alpha, within(0.15 * alpha));
        assertThat(fit.a()).isCloseTo(a, within(0.25 * a));
        assertThat(fit.b()).isCloseTo(b, within(0.25 * b));
        assertThat(fit.customers()).isEqualTo(6_000);
        assertThat(fit.window()).isEqualTo(WINDOW);
        double atTruth = simulated.customers().stream()
                .mapToDouble(c -> BgNbd.logLikelihood(r, alpha, a, b, c.frequency(), c.recency(), c.age())).sum();
        assertThat(fit.logLikelihood()).as("a maximum is at least as likely as the truth").isGreaterThanOrEqualTo(atTruth);
    }

    @Test
    void an_empty_population_is_rejected() {
        assertThatThrownBy(() -> BgNbd.fit(new CustomerSummaries(WINDOW, List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one customer");
    }

    @Test
    void a_population_without_repeat_purchases_is_rejected() {
        assertThatThrownBy(() -> BgNbd.fit(new CustomerSummaries(WINDOW, List.of(new CustomerSummary("c", 0, 0, 5, 0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeat purchases");
    }

    @Test
    void customers_who_never_stop_buying_leave_dropout_unidentified_and_the_fit_says_it_did_not_converge() {
        assertThatThrownBy(() -> BgNbd.fit(loyalCustomers()))
                .isInstanceOf(ModelFitException.class)
                .hasMessageContaining("did not converge")
                .hasMessageContaining("dropout penalty");
    }

    @Test
    void a_dropout_penalty_keeps_a_and_b_finite_when_nobody_drops_out() {
        BgNbdFit fit = BgNbd.fit(loyalCustomers(), 0.1);

        assertThat(fit.a()).isBetween(1e-4, 1e4);
        assertThat(fit.b()).isBetween(1e-4, 1e4);
        assertThat(fit.a() / (fit.a() + fit.b())).as("mean dropout per purchase").isLessThan(0.05);
        assertThat(fit.dropoutPenalty()).isEqualTo(0.1);
    }

    @Test
    void a_negative_dropout_penalty_is_rejected() {
        assertThatThrownBy(() -> BgNbd.fit(loyalCustomers(), -1)).hasMessageContaining("dropout penalty");
    }

    /** Everyone bought 10 to 14 times in 20 weeks, the last time this week: no sign of dropout. */
    private static CustomerSummaries loyalCustomers() {
        List<CustomerSummary> loyal = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            loyal.add(new CustomerSummary("c" + i, 10 + i % 5, 20, 20, 10));
        }
        return new CustomerSummaries(WINDOW, loyal);
    }

    /** Customers drawn from the BG/NBD story, each observed for 30 to 40 weeks after a first purchase. */
    static CustomerSummaries simulate(double r, double alpha, double a, double b, int count, RandomGenerator random) {
        GammaDistribution rates = new GammaDistribution(random, r, 1 / alpha);
        BetaDistribution dropouts = new BetaDistribution(random, a, b);
        List<CustomerSummary> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double rate = rates.sample();
            double dropout = dropouts.sample();
            double age = 30 + 10 * random.nextDouble();
            ExponentialDistribution gaps = new ExponentialDistribution(random, 1 / rate);
            int x = 0;
            double last = 0;
            while (true) {
                double next = last + gaps.sample();
                if (next > age) {
                    break;
                }
                x++;
                last = next;
                if (random.nextDouble() < dropout) {
                    break;
                }
            }
            customers.add(new CustomerSummary("c" + i, x, last, age, x == 0 ? 0 : 10));
        }
        return new CustomerSummaries(WINDOW, customers);
    }
}
