package com.retailpulse.intelligence.ltv;

import com.retailpulse.intelligence.data.CdnowText;
import com.retailpulse.intelligence.support.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * The published CDNOW fits (Fader, Hardie &amp; Lee 2005; reproduced by the lifetimes test suite): the
 * 2,357-customer sample, weekly units, the 39-week calibration period 1997-01-01..1997-09-30.
 */
class LtvCdnowAcceptanceTest {
    private static CustomerSummaries calibration;
    private static BgNbdFit purchases;
    private static GammaGammaFit spend;

    @BeforeAll
    static void fit() throws Exception {
        calibration = CustomerSummaries.asOf(CdnowText.read(SharedData.require("cdnow/CDNOW_sample.txt")),
                DataWindow.of(LocalDate.parse("1997-10-01"), PeriodUnit.WEEKS));
        purchases = BgNbd.fit(calibration);
        spend = GammaGamma.fit(calibration);
        System.out.printf("CDNOW BG/NBD: r %.4f alpha %.4f a %.4f b %.4f, log-likelihood %.2f, %d customers%n",
                purchases.r(), purchases.alpha(), purchases.a(), purchases.b(), purchases.logLikelihood(), purchases.customers());
        System.out.printf("CDNOW Gamma-Gamma: p %.4f q %.4f v %.4f, log-likelihood %.2f, %d repeat buyers%n",
                spend.p(), spend.q(), spend.v(), spend.logLikelihood(), spend.customers());
        System.out.printf("CDNOW E[purchases in 39 weeks | x=2, t_x=30.43, T=38.86] = %.4f%n",
                purchases.conditionalExpectedPurchases(39, 2, 30.43, 38.86));
    }

    @Test
    void the_calibration_period_holds_the_whole_sample_and_its_946_repeat_buyers() {
        assertThat(calibration.size()).isEqualTo(2_357);
        assertThat(calibration.repeatBuyers()).hasSize(946);
    }

    @Test
    void fitted_bg_nbd_parameters_match_the_published_cdnow_fit() {
        assertThat(purchases.r()).isCloseTo(0.243, withinPercentage(1));
        assertThat(purchases.alpha()).isCloseTo(4.414, withinPercentage(1));
        assertThat(purchases.a()).isCloseTo(0.793, withinPercentage(1));
        assertThat(purchases.b()).isCloseTo(2.426, withinPercentage(1));
        // FHL 2005 report LL = -9582.4
        assertThat(purchases.logLikelihood()).isCloseTo(-9582.4, within(0.1));
        assertThat(purchases.customers()).isEqualTo(2_357);
    }

    @Test
    void fitted_gamma_gamma_parameters_match_the_published_cdnow_fit_on_repeat_buyers_mean_repeat_spend() {
        assertThat(spend.p()).isCloseTo(6.25, withinPercentage(1));
        assertThat(spend.q()).isCloseTo(3.74, withinPercentage(1));
        assertThat(spend.v()).isCloseTo(15.44, withinPercentage(1));
        assertThat(spend.customers()).isEqualTo(946);
    }

    @Test
    void conditional_expectation_matches_the_published_example_customer() {
        assertThat(purchases.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.01));
    }

    @Test
    void the_fit_remembers_the_window_it_saw() {
        assertThat(purchases.window()).isEqualTo(calibration.window());
        assertThat(spend.window()).isEqualTo(calibration.window());
    }
}
