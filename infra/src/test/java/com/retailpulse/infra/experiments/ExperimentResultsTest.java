package com.retailpulse.infra.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.infra.support.SharedData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Hillstrom e-mail test recorded as an experiment on the running platform: its report reproduces the
 * published per-arm rates and uplifts (../shared/data/README.md) and names the winner; bad files and
 * layouts are refused with what is wrong.
 */
@IntegrationTest
class ExperimentResultsTest {

    private static final Map<String, String> HILLSTROM = Map.of("name", "Hillstrom e-mail test (2008)", "armColumn", "segment",
            "control", "No E-Mail", "rates", "visit,conversion", "values", "spend", "primary", "visit");

    @LocalServerPort
    int port;

    @Test
    void the_hillstrom_test_recorded_as_an_experiment_reports_the_published_rates_uplifts_and_the_winner() throws Exception {
        Api api = new Api(port);
        byte[] file = Files.readAllBytes(SharedData.require("hillstrom/hillstrom_email_2008.csv.gz"));
        Api.Response recorded = api.multipart("PUT", "/api/v1/experiments/hillstrom/results", Api.analyst(), HILLSTROM, "file",
                "hillstrom_email_2008.csv.gz", file);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        assertThat(recorded.json().at("/experiment/rows").asLong()).isEqualTo(64_000);
        assertThat(recorded.json().at("/experiment/rejected").asLong()).isZero();

        Api.Response response = api.get("/api/v1/experiments/hillstrom/report", Api.marketer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(arm(report, "visit", "Mens E-Mail").get("units").asLong()).isEqualTo(21_307);
        assertThat(arm(report, "visit", "Mens E-Mail").get("rate").asDouble()).isCloseTo(0.1828, within(0.00005));
        assertThat(arm(report, "visit", "Womens E-Mail").get("rate").asDouble()).isCloseTo(0.1514, within(0.00005));
        assertThat(arm(report, "visit", "No E-Mail").get("rate").asDouble()).isCloseTo(0.1062, within(0.00005));
        assertThat(arm(report, "conversion", "Mens E-Mail").get("rate").asDouble()).isCloseTo(0.0125, within(0.00005));
        assertThat(arm(report, "conversion", "No E-Mail").get("rate").asDouble()).isCloseTo(0.0057, within(0.00005));
        assertThat(arm(report, "spend", "Womens E-Mail").get("mean").asDouble()).isCloseTo(1.0772, within(0.00005));
        assertThat(comparison(report, "Mens E-Mail", "visit").get("difference").asDouble()).isCloseTo(0.0766, within(0.00005));
        assertThat(comparison(report, "Womens E-Mail", "conversion").get("difference").asDouble()).isCloseTo(0.0031, within(0.00005));
        assertThat(comparison(report, "Mens E-Mail", "spend").get("difference").asDouble()).isCloseTo(0.770, within(0.0005));
        assertThat(comparison(report, "Mens E-Mail", "visit").get("lower").asDouble()).isPositive();
        assertThat(comparison(report, "Mens E-Mail", "visit").get("probabilityToBeatControl").asDouble()).isGreaterThan(0.9999);
        assertThat(report.get("winner").asText()).isEqualTo("Mens E-Mail");

        assertThat(api.get("/api/v1/experiments", Api.auditor()).json().findValuesAsText("key")).contains("hillstrom");
    }

    @Test
    void bad_layouts_and_bad_rows_are_named_and_the_valid_rows_still_count() {
        Api api = new Api(port);
        byte[] csv = """
                segment,visit,conversion,spend
                A,1,0,0
                B,1,1,25.5
                A,yes,0,0
                B,0,0,abc
                A,0,0,0
                """.getBytes(StandardCharsets.UTF_8);
        Map<String, String> layout = Map.of("armColumn", "segment", "control", "A", "rates", "visit,conversion", "values", "spend");
        Api.Response partly = api.multipart("PUT", "/api/v1/experiments/bad-rows/results", Api.analyst(), layout, "file", "t.csv", csv);
        assertThat(partly.status()).as(partly.body()).isEqualTo(200);
        assertThat(partly.json().at("/experiment/rows").asLong()).isEqualTo(5);
        assertThat(partly.json().at("/experiment/rejected").asLong()).isEqualTo(2);
        assertThat(partly.json().get("errors").toString()).contains("line 4: visit must be 0 or 1, got 'yes'")
                .contains("line 5: spend must be a number, got 'abc'");

        Api.Response noColumn = api.multipart("PUT", "/api/v1/experiments/bad-layout/results", Api.analyst(),
                Map.of("armColumn", "arm", "control", "A", "rates", "clicked"), "file", "t.csv", csv);
        assertThat(noColumn.status()).isEqualTo(400);
        assertThat(noColumn.body()).contains("no column arm, clicked");

        Api.Response noControl = api.multipart("PUT", "/api/v1/experiments/bad-control/results", Api.analyst(),
                Map.of("armColumn", "segment", "control", "Z", "rates", "visit"), "file", "t.csv", csv);
        assertThat(noControl.status()).isEqualTo(400);
        assertThat(noControl.body()).contains("no row has arm 'Z'");

        Api.Response badPrimary = api.multipart("PUT", "/api/v1/experiments/Bad Key/results".replace(" ", "%20"), Api.analyst(),
                Map.of("armColumn", "segment", "control", "A", "rates", "visit", "primary", "spend"), "file", "t.csv", csv);
        assertThat(badPrimary.status()).isEqualTo(400);
        assertThat(badPrimary.body()).contains("key:").contains("primary: spend is not one of the rate metrics");

        assertThat(api.multipart("PUT", "/api/v1/experiments/by-marketer/results", Api.marketer(), layout, "file", "t.csv", csv)
                .status()).isEqualTo(403);
    }

    private static JsonNode arm(JsonNode report, String metric, String arm) {
        for (JsonNode a : report.at("/arms/" + metric)) {
            if (a.get("arm").asText().equals(arm)) {
                return a;
            }
        }
        throw new AssertionError("no arm " + arm + " on " + metric + " in " + report);
    }

    private static JsonNode comparison(JsonNode report, String arm, String metric) {
        for (JsonNode c : report.get("comparisons")) {
            if (c.get("arm").asText().equals(arm) && c.get("metric").asText().equals(metric)) {
                return c;
            }
        }
        throw new AssertionError("no comparison of " + arm + " on " + metric);
    }
}
