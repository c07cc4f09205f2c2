package com.retailpulse.intelligence.experiment;

import com.retailpulse.intelligence.data.HillstromCsv;
import com.retailpulse.intelligence.support.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Kevin Hillstrom's e-mail test as an experiment: the report reproduces the published per-arm rates and
 * uplifts (../shared/data/README.md, from the pyuplift documentation and public analyses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HillstromExperimentTest {

    static final String CONTROL = "No E-Mail";
    ExperimentReport report;

    @BeforeAll
    void read() throws Exception {
        List<HillstromCsv.Customer> customers = HillstromCsv.read(SharedData.require("hillstrom/hillstrom_email_2008.csv.gz"));
        Map<String, ArmTally> visits = new LinkedHashMap<>();
        Map<String, ArmTally> conversions = new LinkedHashMap<>();
        Map<String, ArmTally> spend = new LinkedHashMap<>();
        for (HillstromCsv.Customer c : customers) {
            visits.merge(c.segment(), ArmTally.empty(c.segment()).plus(c.visit(), 0), ArmTally::plus);
            conversions.merge(c.segment(), ArmTally.empty(c.segment()).plus(c.conversion(), 0), ArmTally::plus);
            spend.merge(c.segment(), ArmTally.empty(c.segment()).plus(c.spend() > 0, c.spend()), ArmTally::plus);
        }
        Map<String, Map<String, ArmTally>> rates = new LinkedHashMap<>();
        rates.put("visit", visits);
        rates.put("conversion", conversions);
        report = ExperimentReport.of(CONTROL, "visit", rates, Map.of("spend", spend), 0.95, 0.05);
        report.comparisons().forEach(c -> System.out.printf(java.util.Locale.ROOT,
                "%-13s %-10s control %.5f treatment %.5f diff %+.5f [%+.5f, %+.5f] uplift %+.1f%% p %.2e always-valid p %.2e P(beat) %.4f%n",
                c.arm(), c.metric(), c.control(), c.treatment(), c.difference(), c.lower(), c.upper(), 100 * c.relativeUplift(),
                c.pValue(), c.alwaysValidPValue(), c.probabilityToBeatControl()));
        System.out.println("bandit shares on visits: " + report.banditShares() + "; winner: " + report.winner());
    }

    @Test
    void the_report_reproduces_the_published_per_arm_figures() {
        Map<String, ArmTally> visits = report.rates().get("visit");
        assertThat(visits.get("Mens E-Mail").units()).isEqualTo(21_307);
        assertThat(visits.get("Womens E-Mail").units()).isEqualTo(21_387);
        assertThat(visits.get(CONTROL).units()).isEqualTo(21_306);
        assertThat(visits.get("Mens E-Mail").rate()).isCloseTo(0.1828, within(0.00005));
        assertThat(visits.get("Womens E-Mail").rate()).isCloseTo(0.1514, within(0.00005));
        assertThat(visits.get(CONTROL).rate()).isCloseTo(0.1062, within(0.00005));
        Map<String, ArmTally> conversions = report.rates().get("conversion");
        assertThat(conversions.get("Mens E-Mail").rate()).isCloseTo(0.0125, within(0.00005));
        assertThat(conversions.get("Womens E-Mail").rate()).isCloseTo(0.0088, within(0.00005));
        assertThat(conversions.get(CONTROL).rate()).isCloseTo(0.0057, within(0.00005));
        Map<String, ArmTally> spend = report.means().get("spend");
        assertThat(spend.get("Mens E-Mail").meanValue()).isCloseTo(1.4226, within(0.00005));
        assertThat(spend.get("Womens E-Mail").meanValue()).isCloseTo(1.0772, within(0.00005));
        assertThat(spend.get(CONTROL).meanValue()).isCloseTo(0.6528, within(0.00005));
        long all = visits.values().stream().mapToLong(ArmTally::units).sum();
        assertThat(all).isEqualTo(64_000);
        assertThat(visits.values().stream().mapToLong(ArmTally::conversions).sum() / (double) all).isCloseTo(0.14678, within(0.000005));
        assertThat(conversions.values().stream().mapToLong(ArmTally::conversions).sum() / (double) all).isCloseTo(0.00903, within(0.000005));
        assertThat(spend.values().stream().mapToDouble(ArmTally::valueSum).sum() / all).isCloseTo(1.05091, within(0.000005));
    }

    @Test
    void the_uplifts_over_no_email_are_the_published_ones_and_significant() {
        assertThat(report.comparison("Mens E-Mail", "visit").difference()).isCloseTo(0.0766, within(0.00005));
        assertThat(report.comparison("Mens E-Mail", "conversion").difference()).isCloseTo(0.0068, within(0.00005));
        assertThat(report.comparison("Mens E-Mail", "spend").difference()).isCloseTo(0.770, within(0.0005));
        assertThat(report.comparison("Womens E-Mail", "visit").difference()).isCloseTo(0.0452, within(0.00005));
        assertThat(report.comparison("Womens E-Mail", "conversion").difference()).isCloseTo(0.0031, within(0.00005));
        assertThat(report.comparison("Womens E-Mail", "spend").difference()).isCloseTo(0.424, within(0.0005));
        for (ExperimentReport.Comparison c : report.comparisons()) {
            assertThat(c.lower()).as("%s on %s: the interval excludes no effect", c.arm(), c.metric()).isPositive();
            assertThat(c.upper()).isGreaterThan(c.difference());
            assertThat(c.pValue()).isLessThan(0.01);
        }
        assertThat(report.comparison("Mens E-Mail", "visit").probabilityToBeatControl()).isGreaterThan(0.9999);
        assertThat(report.comparison("Mens E-Mail", "visit").alwaysValidPValue()).isLessThan(0.001);
    }

    @Test
    void the_mens_email_wins_on_visits_and_a_bandit_would_send_it_nearly_all_traffic() {
        assertThat(report.winner()).isEqualTo("Mens E-Mail");
        assertThat(report.banditShares().get("Mens E-Mail")).isGreaterThan(0.99);
    }
}
