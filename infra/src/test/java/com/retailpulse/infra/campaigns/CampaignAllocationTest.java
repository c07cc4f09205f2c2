package com.retailpulse.infra.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.common.Assignment;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.intelligence.experiment.ArmTally;
import com.retailpulse.intelligence.experiment.ExperimentReport;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.StreamSupport;

import static com.retailpulse.infra.campaigns.CampaignFixtures.buyer;
import static com.retailpulse.infra.campaigns.CampaignFixtures.inboxConsent;
import static com.retailpulse.infra.campaigns.CampaignFixtures.members;
import static com.retailpulse.infra.campaigns.CampaignFixtures.plan;
import static com.retailpulse.infra.campaigns.CampaignFixtures.segmentOfBuyers;
import static com.retailpulse.infra.campaigns.CampaignFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * An auto-winner campaign on the running platform (ADR 0022): 100 consenting buyers, two inbox variants,
 * a 25 % holdout, 50 customers a batch. Paused after the first batch; the customers of the larger variant
 * order (all but one), nobody else does; the allocator then reads the report, the campaign declares that
 * variant the winner, and once resumed every later treated customer gets it while the holdout stays the
 * plan's.
 */
@IntegrationTest
class CampaignAllocationTest {

    /**
     * Four batches of 50: the test context runs the dispatch's one-second batch deadline hundreds of times sooner,
     * so with two batches the second could go out before the pause landed (seen on a fresh-clone CI run).
     */
    private static final int AUDIENCE = 200;
    private static final int PER_BATCH = 50;

    @LocalServerPort
    int port;
    @Autowired
    CampaignAllocator allocator;
    Api api;
    String run;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private void order(String member, String orderId) {
        Api.Response response = api.postJson("/api/v1/ingest/orders", Api.ingest(), """
                {"orderId":"%s","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"CNY",
                 "lines":[{"sku":"WIN-%s","name":"Bought after the campaign","quantity":1,"unitPrice":25.00}],"channel":"app","storeId":"store-1"}
                """.formatted(orderId, member, Instant.now(), run));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    private JsonNode report(String id) {
        Api.Response response = api.get("/api/v1/campaigns/" + id + "/report", Api.analyst());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode arm(JsonNode report, String arm) {
        return StreamSupport.stream(report.get("arms").spliterator(), false).filter(a -> a.get("arm").asText().equals(arm))
                .findFirst().orElseThrow(() -> new AssertionError("no arm " + arm + " in " + report));
    }

    private List<String> acceptedArms(String customer, String campaign) {
        Api.Response history = api.get("/api/v1/customers/" + customer + "/events", Api.auditor());
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        return StreamSupport.stream(history.json().get("events").spliterator(), false)
                .filter(e -> e.get("type").asText().equals("MessageAcceptedEvent"))
                .filter(e -> e.at("/payload/request/source/key").asText().equals(campaign))
                .map(e -> e.at("/payload/request/source/arm").asText()).toList();
    }

    private long holdoutsRecorded(String customer, String campaign) {
        Api.Response history = api.get("/api/v1/customers/" + customer + "/events", Api.auditor());
        return StreamSupport.stream(history.json().get("events").spliterator(), false)
                .filter(e -> e.get("type").asText().equals("CampaignHoldoutAssignedEvent"))
                .filter(e -> e.at("/payload/campaignId").asText().equals(campaign)).count();
    }

    /** {@code n} buyers of a product only they bought, with inbox consent, in a new segment; answers customer id → member. */
    private Map<String, String> audience(String prefix, int n, String segment) {
        String sku = prefix.toUpperCase() + "-" + run;
        List<String> members = members(prefix + run, n);
        Map<String, String> memberOf = new TreeMap<>(); // in the dispatch's order
        members.parallelStream().map(m -> Map.entry(buyer(api, m, sku), m)).toList().forEach(e -> memberOf.put(e.getKey(), e.getValue()));
        inboxConsent(api, members);
        try {
            segmentOfBuyers(api, segment, sku, n);
        } catch (ConditionTimeoutException e) {
            // On a loaded machine a few of a hundred new profiles sometimes stay out of the segment for minutes
            // (seen twice: 99 and 90 of 100). The audience is who is in the segment: go on with those.
            Set<String> inSegment = new HashSet<>();
            Api.Response export = api.get("/api/v1/segments/" + segment + "/export", Api.analyst());
            assertThat(export.status()).as(export.body()).isEqualTo(200);
            export.body().lines().skip(1).map(line -> line.split(",", 2)[0].replace("\"", "")).forEach(inSegment::add);
            memberOf.keySet().retainAll(inSegment);
            assertThat(memberOf).as("buyers in the segment").hasSizeGreaterThanOrEqualTo(n * 9 / 10);
        }
        return memberOf;
    }

    /**
     * Creates and schedules the plan (sending 8 s from now: creating it on a loaded machine may take seconds),
     * pauses the campaign the moment it runs; answers its id.
     */
    private String pausedAfterFirstBatch(Function<Instant, String> planSendingAt) throws InterruptedException {
        Instant sendAt = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        Api.Response created = api.postJson("/api/v1/campaigns", Api.marketer(), planSendingAt.apply(sendAt));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("campaignId").asText();
        assertThat(created.json().at("/allocation/version").asInt()).isZero();
        Api.Response scheduled = post("/api/v1/campaigns/" + id + "/schedule");
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        Api.Response paused = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(
                () -> post("/api/v1/campaigns/" + id + "/pause"), r -> r.status() != 409);
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        Thread.sleep(1_500); // a batch already in flight when the pause was recorded still lands
        return id;
    }

    private Map<String, ArmTally> tallies(JsonNode report) {
        Map<String, ArmTally> tallies = new LinkedHashMap<>();
        for (String a : List.of("a", "b", Assignment.HOLDOUT)) {
            JsonNode arm = arm(report, a);
            tallies.put(a, new ArmTally(a, arm.get("assigned").asLong(), arm.get("converted").asLong(), 0, 0));
        }
        return tallies;
    }

    @Test
    void a_thompson_campaign_moves_later_customers_by_the_bandit_s_shares_keeping_the_floor_and_the_holdout() throws Exception {
        String segment = "thom_" + run;
        Map<String, String> memberOf = audience("thom", 120, segment);
        String id = pausedAfterFirstBatch(sendAt -> plan("Bandit " + run, segment, sendAt, 20).replace("\"holdoutShare\":0.25",
                "\"holdoutShare\":0.25,\"allocation\":\"thompson\",\"minimumShare\":0.1"));
        String cursor = view(api, id).at("/progress/cursor").asText();
        Assignment byPlan = new Assignment(0.25, List.of(new Assignment.Arm("a", 1), new Assignment.Arm("b", 1)));
        List<String> firstA = memberOf.keySet().stream().filter(c -> c.compareTo(cursor) <= 0 && byPlan.armOf(id, c).equals("a")).toList();
        List<String> later = memberOf.keySet().stream().filter(c -> c.compareTo(cursor) > 0).toList();
        assertThat(later).as("the pause lands before the audience is exhausted").isNotEmpty();
        assertThat(firstA).hasSizeGreaterThanOrEqualTo(2);

        // --- most of variant a's customers order: the bandit favours a, b keeps its floor of 10 %
        for (String customer : firstA.subList(1, firstA.size())) {
            order(memberOf.get(customer), "T-" + customer + "-" + run);
        }
        JsonNode report = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> report(id),
                r -> arm(r, "a").get("converted").asLong() == firstA.size() - 1);
        ExperimentReport expected = ExperimentReport.of(Assignment.HOLDOUT, "conversion", Map.of("conversion", tallies(report)), Map.of(),
                0.95, 0.05);
        Map<String, Double> variantShares = new LinkedHashMap<>();
        variantShares.put("a", expected.banditShares().get("a"));
        variantShares.put("b", expected.banditShares().get("b"));
        Map<String, Integer> weights = CampaignAllocator.weights(variantShares, 0.1);
        assertThat(weights.get("a")).as("a converts better").isGreaterThan(weights.get("b"));
        assertThat(weights.get("b")).as("the floor").isGreaterThanOrEqualTo(100);

        // the scheduled look may have moved the weights already (before the orders, say): wait for these
        allocator.reallocateAll();
        JsonNode moved = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> view(api, id),
                v -> v.at("/allocation/weights/a").asInt() == weights.get("a") && v.at("/allocation/weights/b").asInt() == weights.get("b"));
        JsonNode allocation = moved.get("allocation");
        assertThat(allocation.get("mode").asText()).isEqualTo("THOMPSON");
        assertThat(allocation.get("minimumShare").asDouble()).isEqualTo(0.1);
        assertThat(allocation.path("winner").isMissingNode() || allocation.path("winner").isNull())
                .as("thompson declares no winner").isTrue();
        int version = allocation.get("version").asInt();
        assertThat(version).isPositive();
        JsonNode last = allocation.get("history").get(allocation.get("history").size() - 1);
        assertThat(last.get("version").asInt()).isEqualTo(version);
        assertThat(last.get("reason").asText()).startsWith("thompson sampling on conversion");
        assertThat(last.at("/basedOn/0/arm").asText()).isEqualTo("a");
        assertThat(last.at("/basedOn/0/share").asDouble())
                .isCloseTo(variantShares.get("a") / (variantShares.get("a") + variantShares.get("b")), within(1e-12));
        allocator.reallocateAll(); // the same report: the same weights, nothing recorded
        assertThat(view(api, id).at("/allocation/version").asInt()).isEqualTo(version);

        // --- resumed: later customers follow the new weights (deterministically), the holdout is the plan's
        assertThat(post("/api/v1/campaigns/" + id + "/resume").status()).isEqualTo(200);
        JsonNode done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> view(api, id), v -> v.get("state").asText().equals("COMPLETED"));
        // a scheduled look during the last batches (rare) may add a version: a customer is then under one of them
        List<Assignment> inForce = new ArrayList<>();
        for (JsonNode entry : done.at("/allocation/history")) {
            if (entry.get("version").asInt() >= version) {
                inForce.add(new Assignment(0.25, List.of(new Assignment.Arm("a", entry.at("/weights/a").asInt()),
                        new Assignment.Arm("b", entry.at("/weights/b").asInt()))));
            }
        }
        assertThat(inForce.get(0)).isEqualTo(new Assignment(0.25, List.of(new Assignment.Arm("a", weights.get("a")),
                new Assignment.Arm("b", weights.get("b")))));
        boolean someMovedByPlan = false;
        for (String customer : later) {
            boolean heldByPlan = byPlan.armOf(id, customer).equals(Assignment.HOLDOUT);
            List<String> accepted = acceptedArms(customer, id);
            if (heldByPlan) {
                assertThat(accepted).as("held out under every version: %s", customer).isEmpty();
                assertThat(inForce).allSatisfy(a -> assertThat(a.armOf(id, customer)).isEqualTo(Assignment.HOLDOUT));
            } else {
                assertThat(accepted).as("%s under the new weights", customer).hasSize(1);
                assertThat(inForce.stream().map(a -> a.armOf(id, customer))).as(customer).contains(accepted.get(0));
                someMovedByPlan |= !byPlan.armOf(id, customer).equals(accepted.get(0));
            }
        }
        assertThat(someMovedByPlan).as("some later customer is in another arm than the plan's weights would give").isTrue();
    }

    @Test
    void an_auto_winner_campaign_declares_the_variant_that_converts_clearly_better_and_sends_every_later_treated_customer_to_it()
            throws Exception {
        String segment = "alloc_" + run;
        Map<String, String> memberOf = audience("alloc", AUDIENCE, segment);

        // --- an auto-winner plan; a floor is for thompson only, an unknown allocation is named
        Function<Instant, String> plan = sendAt -> plan("Winner " + run, segment, sendAt, PER_BATCH).replace("\"holdoutShare\":0.25",
                "\"holdoutShare\":0.25,\"allocation\":\"auto-winner\"");
        Api.Response refused = api.postJson("/api/v1/campaigns", Api.marketer(),
                plan.apply(Instant.now().plusSeconds(60)).replace("\"auto-winner\"", "\"greedy\",\"minimumShare\":0.7"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(CampaignFixtures.errors(refused)).anyMatch(e -> e.equals("allocation: one of [fixed, auto-winner, thompson], got 'greedy'"))
                .anyMatch(e -> e.startsWith("minimumShare: must be 0–0.5"));

        // --- paused the moment it runs: the first batch of 50 goes out, the rest waits
        String id = pausedAfterFirstBatch(plan);
        assertThat(view(api, id).at("/plan/allocation").asText()).isEqualTo("AUTO_WINNER");
        JsonNode atPause = view(api, id).get("progress");
        String cursor = atPause.get("cursor").asText();
        long decided = atPause.get("sent").asLong() + atPause.get("heldOut").asLong();
        assertThat(decided).as("the pause lands before the audience is exhausted").isBetween((long) PER_BATCH, (long) memberOf.size() - 1);

        Assignment byPlan = new Assignment(0.25, List.of(new Assignment.Arm("a", 1), new Assignment.Arm("b", 1)));
        Map<String, List<String>> before = new TreeMap<>();
        List<String> after = new ArrayList<>();
        memberOf.keySet().forEach(c -> {
            if (c.compareTo(cursor) <= 0) {
                before.computeIfAbsent(byPlan.armOf(id, c), k -> new ArrayList<>()).add(c);
            } else {
                after.add(c);
            }
        });
        List<String> inA = before.getOrDefault("a", List.of());
        List<String> inB = before.getOrDefault("b", List.of());
        String winner = inA.size() >= inB.size() ? "a" : "b";
        String loser = winner.equals("a") ? "b" : "a";
        List<String> winners = before.get(winner);
        assertThat(winners).as("the larger variant of the first batch").hasSizeGreaterThanOrEqualTo(17);
        assertThat(before.get(Assignment.HOLDOUT)).hasSizeGreaterThanOrEqualTo(2);

        // --- all but one of the larger variant's customers order; nobody else does
        for (String customer : winners.subList(1, winners.size())) {
            order(memberOf.get(customer), "W-" + customer + "-" + run);
        }
        JsonNode report = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> report(id),
                r -> arm(r, winner).get("converted").asLong() == winners.size() - 1);
        Map<String, ArmTally> tallies = new LinkedHashMap<>();
        for (String a : List.of("a", "b", Assignment.HOLDOUT)) {
            JsonNode arm = arm(report, a);
            tallies.put(a, new ArmTally(a, arm.get("assigned").asLong(), arm.get("converted").asLong(), 0, 0));
        }
        assertThat(tallies.get(winner).units()).isEqualTo(winners.size());
        ExperimentReport expected = ExperimentReport.of(Assignment.HOLDOUT, "conversion", Map.of("conversion", tallies), Map.of(), 0.95, 0.05);
        assertThat(expected.winner()).as("the platform's sequential-safe rule over these tallies").isEqualTo(winner);
        assertThat(report.at("/experiment/decision/winner").asText()).isEqualTo(winner);

        // --- the allocator looks (as it does every reallocation-interval, which may have come first): the campaign
        // declares the winner
        allocator.reallocateAll();
        JsonNode declared = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> view(api, id), v -> !v.at("/allocation/winner").isNull() && !v.at("/allocation/winner").isMissingNode());
        JsonNode allocation = declared.get("allocation");
        assertThat(allocation.get("mode").asText()).isEqualTo("AUTO_WINNER");
        assertThat(allocation.get("version").asInt()).isEqualTo(1);
        assertThat(allocation.at("/weights/" + winner).asInt()).isEqualTo(1);
        assertThat(allocation.at("/weights/" + loser).asInt()).isZero();
        assertThat(allocation.at("/winner/winner").asText()).isEqualTo(winner);
        assertThat(allocation.at("/winner/control").asText()).isEqualTo(Assignment.HOLDOUT);
        assertThat(allocation.at("/winner/alwaysValidPValue").asDouble())
                .isEqualTo(expected.comparison(winner, "conversion").alwaysValidPValue())
                .isLessThanOrEqualTo(allocation.at("/winner/threshold").asDouble());
        assertThat(allocation.at("/winner/threshold").asDouble()).isEqualTo(0.05 / 2);
        assertThat(allocation.get("history")).hasSize(1);
        assertThat(allocation.at("/history/0/reason").asText()).startsWith("winner declared: " + winner + " beat holdout");
        assertThat(allocation.at("/history/0/basedOn")).hasSize(3);
        allocator.reallocateAll(); // a second look changes nothing: one winner at most
        assertThat(view(api, id).at("/allocation/history")).hasSize(1);

        // --- resumed: every later treated customer gets the winner; the holdout is the plan's
        assertThat(post("/api/v1/campaigns/" + id + "/resume").status()).isEqualTo(200);
        JsonNode done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> view(api, id), v -> v.get("state").asText().equals("COMPLETED"));
        assertThat(done.get("completionReason").asText()).isEqualTo("audience exhausted");
        List<String> heldAfter = after.stream().filter(c -> byPlan.armOf(id, c).equals(Assignment.HOLDOUT)).toList();
        List<String> treatedAfter = after.stream().filter(c -> !heldAfter.contains(c)).toList();
        assertThat(treatedAfter).as("customers left for after the winner").isNotEmpty();
        assertThat(treatedAfter.stream().map(c -> byPlan.armOf(id, c))).as("the plan's weights would have sent some to " + loser)
                .contains(loser);
        for (String customer : treatedAfter) {
            assertThat(acceptedArms(customer, id)).as("treated after the winner: %s", customer).containsExactly(winner);
        }
        for (String customer : heldAfter) {
            assertThat(acceptedArms(customer, id)).as("held out: %s", customer).isEmpty();
            assertThat(holdoutsRecorded(customer, id)).isEqualTo(1);
        }
        JsonNode progress = done.get("progress");
        assertThat(progress.at("/sentPerArm/" + loser).asLong()).as("nobody new to " + loser).isEqualTo(before.get(loser).size());
        assertThat(progress.at("/sentPerArm/" + winner).asLong()).isEqualTo(winners.size() + treatedAfter.size());
        assertThat(progress.get("heldOut").asLong()).isEqualTo(before.get(Assignment.HOLDOUT).size() + heldAfter.size());
        JsonNode finalReport = report(id);
        assertThat(finalReport.at("/allocation/winner/winner").asText()).isEqualTo(winner);
        assertThat(arm(finalReport, loser).get("assigned").asLong()).isEqualTo(before.get(loser).size());
    }

    private Api.Response post(String path) {
        return api.postJson(path, Api.marketer(), "");
    }
}
