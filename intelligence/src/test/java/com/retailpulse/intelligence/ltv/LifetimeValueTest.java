package com.retailpulse.intelligence.ltv;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LifetimeValueTest {
    private static final DataWindow WEEKS = DataWindow.of(LocalDate.parse("1997-10-01"), PeriodUnit.WEEKS);
    private static final BgNbdFit CDNOW_PURCHASES = new BgNbdFit(0.243, 4.414, 0.793, 2.426, 0, 0, 2357, WEEKS);
    private static final GammaGammaFit CDNOW_SPEND = new GammaGammaFit(6.25, 3.74, 15.44, 0, 946, WEEKS);
    private static final CustomerSummary CUSTOMER = new CustomerSummary("c", 2, 30.43, 38.86, 40);

    @Test
    void undiscounted_value_is_expected_purchases_over_the_horizon_times_expected_spend() {
        LifetimeValue value = new LifetimeValue(CDNOW_PURCHASES, CDNOW_SPEND);

        double expected = CDNOW_PURCHASES.conditionalExpectedPurchases(12 * 30 / 7.0, CUSTOMER)
                * CDNOW_SPEND.conditionalExpectedAverageSpend(CUSTOMER);

        assertThat(value.expectedSpend(CUSTOMER, 12, 0)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void discounting_lowers_the_value_and_weighs_each_month_by_its_discount_factor() {
        LifetimeValue value = new LifetimeValue(CDNOW_PURCHASES, CDNOW_SPEND);
        double spend = CDNOW_SPEND.conditionalExpectedAverageSpend(CUSTOMER);
        double first = CDNOW_PURCHASES.conditionalExpectedPurchases(30 / 7.0, CUSTOMER);
        double second = CDNOW_PURCHASES.conditionalExpectedPurchases(60 / 7.0, CUSTOMER) - first;

        assertThat(value.expectedSpend(CUSTOMER, 2, 0.01)).isCloseTo(spend * (first / 1.01 + second / (1.01 * 1.01)), within(1e-9));
        assertThat(value.expectedSpend(CUSTOMER, 12, 0.01)).isLessThan(value.expectedSpend(CUSTOMER, 12, 0));
    }

    @Test
    void a_zero_horizon_is_worth_nothing() {
        assertThat(new LifetimeValue(CDNOW_PURCHASES, CDNOW_SPEND).expectedSpend(CUSTOMER, 0, 0)).isZero();
    }

    @Test
    void models_fitted_on_different_windows_do_not_combine() {
        GammaGammaFit daily = new GammaGammaFit(6.25, 3.74, 15.44, 0, 946, new DataWindow(WEEKS.cutoff(), PeriodUnit.DAYS));

        assertThatThrownBy(() -> new LifetimeValue(CDNOW_PURCHASES, daily)).hasMessageContaining("different windows");
    }
}
