package com.retailpulse.infra.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The dashboards over the interactions facts, on the running platform (docs/dashboards.md). */
@IntegrationTest
class DashboardsTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;

    @Test
    void a_campaign_and_a_journey_show_their_funnel_conversions_revenue_coupon_cost_roi_and_ltv_per_dimension_and_hour() {
        Api api = new Api(port);
        DashboardScenario s = new DashboardScenario(api, commands).play();
        Instant from = s.sentFrom.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        Instant to = s.sentUntil.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        String query = "/api/v1/dashboards/marketing?from=" + from + "&to=" + to + "&bucket=hour&campaign=" + s.campaign;

        JsonNode byVariant = await().atMost(Duration.ofSeconds(30)).until(() -> api.get(query + "&by=variant", Api.analyst()).json(),
                d -> d.at("/totals/converted").asLong() == 2 && d.at("/totals/couponsRedeemed").asLong() == 1
                        && d.at("/totals/clicked").asLong() == 1 && d.at("/ltv/withHistoricLtv").asLong() == 3
                        && d.at("/ltv/averageHistoricLtv").asDouble() > 70);
        JsonNode totals = byVariant.get("totals");
        assertThat(totals.get("exposure").asLong()).isEqualTo(3);
        assertThat(totals.get("delivered").asLong()).isEqualTo(3);
        assertThat(totals.get("opened").asLong()).isEqualTo(2);
        assertThat(totals.get("clicked").asLong()).isEqualTo(1);
        assertThat(totals.get("failed").asLong()).isZero();
        assertThat(totals.get("converted").asLong()).as("c0's and c1's orders; c2 bought nothing; seeds came before").isEqualTo(2);
        assertThat(totals.at("/revenue/amount").decimalValue()).isEqualByComparingTo("200.50");
        assertThat(totals.at("/revenue/currency").asText()).isEqualTo("CNY");
        assertThat(totals.at("/couponCost/amount").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(totals.at("/messageCost/amount").decimalValue()).as("inbox messages cost nothing unless configured").isZero();
        assertThat(totals.get("roi").asDouble()).as("(200.50 - 5) / 5").isCloseTo(39.1, within(1e-9));
        assertThat(totals.get("deliveryRate").asDouble()).isEqualTo(1.0);
        assertThat(totals.get("openRate").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(totals.get("clickRate").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(totals.get("conversionRate").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(byVariant.get("conversionWindow").asText()).isEqualTo("PT168H");

        // the hours: every bucket of the range is there, the figures land in the hour they happened
        List<JsonNode> hours = list(byVariant.get("series"));
        assertThat(hours).hasSize((int) Duration.between(from, to).toHours());
        assertThat(hours.get(0).get("start").asText()).isEqualTo(from.toString());
        assertThat(hours.stream().mapToLong(h -> h.at("/figures/exposure").asLong()).sum()).isEqualTo(3);
        assertThat(hours.stream().mapToLong(h -> h.at("/figures/converted").asLong()).sum()).isEqualTo(2);
        assertThat(hours.subList(0, 2)).allSatisfy(h -> assertThat(h.at("/figures/exposure").asLong()).isZero());
        if (s.sentFrom.truncatedTo(ChronoUnit.HOURS).equals(s.sentUntil.truncatedTo(ChronoUnit.HOURS))) {
            JsonNode hour = hours.get(2).get("figures");
            assertThat(hour.get("exposure").asLong()).isEqualTo(3);
            assertThat(hour.at("/revenue/amount").decimalValue()).isEqualByComparingTo("200.50");
            assertThat(hour.get("roi").asDouble()).isCloseTo(39.1, within(1e-9));
        }

        // the variants
        Map<String, JsonNode> variants = keyed(byVariant.get("breakdown"));
        assertThat(variants).containsOnlyKeys("a", "b");
        assertThat(variants.get("a").at("/totals/exposure").asLong()).isEqualTo(2);
        assertThat(variants.get("a").at("/totals/converted").asLong()).isEqualTo(1);
        assertThat(variants.get("a").at("/totals/revenue/amount").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(variants.get("a").at("/totals/couponCost/amount").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(variants.get("a").at("/totals/roi").asDouble()).isCloseTo(23.0, within(1e-9));
        assertThat(variants.get("b").at("/totals/exposure").asLong()).isEqualTo(1);
        assertThat(variants.get("b").at("/totals/opened").asLong()).isEqualTo(1);
        assertThat(variants.get("b").at("/totals/revenue/amount").decimalValue()).isEqualByComparingTo("80.50");
        assertThat(variants.get("b").get("totals").path("roi").isMissingNode() || variants.get("b").at("/totals/roi").isNull())
                .as("no cost, no ROI").isTrue();
        assertThat(list(variants.get("a").get("series"))).hasSameSizeAs(hours);

        // LTV of the three customers reached, from their profiles: 10 + 120, 10 + 80.50, 10
        JsonNode ltv = byVariant.get("ltv");
        assertThat(ltv.get("customersReached").asLong()).isEqualTo(3);
        assertThat(ltv.get("averageHistoricLtv").asDouble()).isCloseTo((130 + 90.5 + 10) / 3, within(1e-9));

        // the segment the customers were in when the messages went out; the channel
        Api.Response segmentResponse = api.get(query + "&by=segment", Api.marketer());
        assertThat(segmentResponse.status()).as(segmentResponse.body()).isEqualTo(200);
        JsonNode bySegment = segmentResponse.json();
        assertThat(keyed(bySegment.get("breakdown"))).as(segmentResponse.body()).containsKey(s.segment);
        assertThat(keyed(bySegment.get("breakdown")).get(s.segment).at("/totals/exposure").asLong()).isEqualTo(3);
        assertThat(keyed(bySegment.get("breakdown")).get(s.segment).at("/totals/converted").asLong()).isEqualTo(2);
        JsonNode byChannel = api.get("/api/v1/dashboards/marketing?from=" + from + "&to=" + to + "&campaign=" + s.campaign
                + "&by=channel&channel=inbox&bucket=day", Api.admin()).json();
        assertThat(byChannel.get("zone").asText()).isEqualTo("UTC");
        long days = ChronoUnit.DAYS.between(from.truncatedTo(ChronoUnit.DAYS), to.minusMillis(1).truncatedTo(ChronoUnit.DAYS)) + 1;
        assertThat(list(byChannel.get("series"))).as("the days the range touches").hasSize((int) days);
        assertThat(list(byChannel.get("series")).stream().mapToLong(d -> d.at("/figures/exposure").asLong()).sum()).isEqualTo(3);
        assertThat(keyed(byChannel.get("breakdown"))).containsOnlyKeys("inbox");
        assertThat(byChannel.at("/totals/exposure").asLong()).isEqualTo(3);

        // the journey and its node
        String journeyQuery = "/api/v1/dashboards/marketing?from=" + from + "&to=" + to + "&journey=" + s.journey + "&by=node";
        JsonNode byNode = await().atMost(Duration.ofSeconds(10)).until(() -> api.get(journeyQuery, Api.analyst()).json(),
                d -> d.at("/totals/converted").asLong() == 1);
        assertThat(byNode.at("/totals/exposure").asLong()).isEqualTo(1);
        assertThat(byNode.at("/totals/revenue/amount").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(keyed(byNode.get("breakdown")).get("n1").at("/totals/revenue/amount").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(byNode.get("bucket").asText()).isEqualTo("day");

        // the campaign next to the journey
        JsonNode byCampaign = api.get("/api/v1/dashboards/marketing?from=" + from + "&to=" + to + "&by=campaign&top=50", Api.analyst()).json();
        assertThat(keyed(byCampaign.get("breakdown")).get(s.campaign).at("/totals/revenue/amount").decimalValue())
                .isEqualByComparingTo("200.50");
        assertThat(byCampaign.at("/totals/exposure").asLong()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void a_store_shows_what_its_customers_prefer_and_how_they_buy_across_channels() {
        Api api = new Api(port);
        DashboardScenario s = new DashboardScenario(api, commands).play();
        JsonNode store = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/dashboards/stores/" + s.store, Api.analyst()),
                r -> r.status() == 200 && r.json().at("/ordersHere/count").asLong() == 5
                        && r.json().at("/customers/alsoOnline").asLong() == 2 && r.body().contains("mini-program")
                        && r.json().at("/customers/engagedWithMessages").asLong() == 2).json();
        JsonNode customers = store.get("customers");
        assertThat(customers.toString()).contains("\"inbox\"");
        assertThat(customers.get("count").asLong()).as("the four who bought there").isEqualTo(4);
        assertThat(customers.get("homeCustomers").asLong()).isEqualTo(4);
        assertThat(customers.get("alsoOnline").asLong()).as("c1 (app) and c3 (app, mini-program)").isEqualTo(2);
        assertThat(customers.get("alsoOnlineShare").asDouble()).isEqualTo(0.5);
        assertThat(customers.get("onlyInStore").asLong()).isEqualTo(2);
        assertThat(customers.get("engagedWithMessages").asLong()).as("c0 and c1 opened").isEqualTo(2);
        Map<String, JsonNode> categories = byValue(customers.get("categories"));
        assertThat(categories.get("tea-" + s.run).get("count").asLong()).isEqualTo(4);
        assertThat(categories.get("cups-" + s.run).get("share").asDouble()).isEqualTo(0.25);
        assertThat(byValue(customers.get("segments")).get(s.segment).get("share").asDouble()).isEqualTo(1.0);
        Map<String, JsonNode> channels = byValue(customers.get("orderChannels"));
        assertThat(channels.get("pos").get("count").asLong()).isEqualTo(4);
        assertThat(channels.get("app").get("count").asLong()).isEqualTo(2);
        assertThat(channels.get("mini-program").get("count").asLong()).isEqualTo(1);
        assertThat(byValue(customers.get("messageChannels")).get("inbox").get("count").asLong()).isEqualTo(2);
        JsonNode here = store.get("ordersHere");
        assertThat(here.at("/revenue/amount").decimalValue()).isEqualByComparingTo("160.00");
        assertThat(byValue(here.get("categories")).get("tea-" + s.run).get("count").asLong()).isEqualTo(4);
        assertThat(byValue(here.get("orderChannels")).get("pos").get("share").asDouble()).isEqualTo(1.0);

        JsonNode list = api.get("/api/v1/dashboards/stores?top=1000", Api.marketer()).json();
        JsonNode row = StreamSupport.stream(list.get("stores").spliterator(), false)
                .filter(r -> r.get("storeId").asText().equals(s.store)).findFirst().orElseThrow();
        assertThat(row.get("orders").asLong()).isEqualTo(5);
        assertThat(row.get("customers").asLong()).isEqualTo(4);
        assertThat(row.at("/revenue/amount").decimalValue()).isEqualByComparingTo("160.00");
        assertThat(api.get("/api/v1/dashboards/stores/no-such-store-" + s.run, Api.analyst()).status()).isEqualTo(404);
    }

    @Test
    void bad_queries_get_a_problem_naming_the_parameter_and_only_analysts_marketers_and_admins_read() {
        Api api = new Api(port);
        Api.Response unknownBy = api.get("/api/v1/dashboards/marketing?by=weather", Api.analyst());
        assertThat(unknownBy.status()).isEqualTo(400);
        assertThat(unknownBy.json().get("title").asText()).isEqualTo("Invalid dashboard query");
        assertThat(unknownBy.json().get("errors").get(0).asText())
                .isEqualTo("by: unknown value 'weather'; known: channel, campaign, journey, node, variant, arm, segment");

        Api.Response backwards = api.get("/api/v1/dashboards/marketing?from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z", Api.analyst());
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("detail").asText())
                .isEqualTo("from: must be before to, got from 2026-11-20T00:00:00Z and to 2026-11-19T00:00:00Z");

        Api.Response several = api.get("/api/v1/dashboards/marketing?from=yesterday&bucket=week&channel=pigeon&currency=yuan&top=0",
                Api.marketer());
        assertThat(several.status()).isEqualTo(400);
        assertThat(list(several.json().get("errors"))).extracting(JsonNode::asText)
                .anySatisfy(e -> assertThat(e).startsWith("from: not an ISO-8601 instant"))
                .anySatisfy(e -> assertThat(e).startsWith("bucket: unknown value 'week'; known: hour, day"))
                .anySatisfy(e -> assertThat(e).startsWith("channel: unknown channel 'pigeon'"))
                .anySatisfy(e -> assertThat(e).startsWith("currency: not a 3-letter ISO-4217 currency code"))
                .anySatisfy(e -> assertThat(e).startsWith("top: must be a whole number from 1 to 50"))
                .hasSize(5);

        Api.Response tooFine = api.get("/api/v1/dashboards/marketing?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=hour",
                Api.analyst());
        assertThat(tooFine.status()).isEqualTo(400);
        assertThat(tooFine.json().get("detail").asText()).startsWith("bucket: 8760 hour buckets is more than 2000");

        assertThat(api.get("/api/v1/dashboards/marketing", Api.auditor()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/dashboards/stores", Api.ingest()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/dashboards/marketing", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/dashboards/marketing", Api.analyst()).status()).isEqualTo(200);
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static Map<String, JsonNode> keyed(JsonNode breakdown) {
        Map<String, JsonNode> byKey = new TreeMap<>();
        breakdown.forEach(s -> byKey.put(s.get("key").asText(), s));
        return byKey;
    }

    private static Map<String, JsonNode> byValue(JsonNode shares) {
        Map<String, JsonNode> byValue = new TreeMap<>();
        shares.forEach(s -> byValue.put(s.get("value").asText(), s));
        return byValue;
    }
}
