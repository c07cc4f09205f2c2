package com.retailpulse.infra.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.common.Assignment;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.RecordMessageReceiptCommand;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.ReceiptKind;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.intelligence.experiment.ArmTally;
import com.retailpulse.intelligence.experiment.ExperimentReport;
import com.retailpulse.intelligence.experiment.ProbabilityToBeat;
import com.retailpulse.intelligence.experiment.ProportionComparison;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
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
 * A campaign on the running platform: 40 consenting buyers in a segment, two inbox variants and a 25 %
 * holdout, four customers a second. Deadlines may run faster than real time (the test context's
 * retailpulse.journeys.time-scale); nothing here depends on by how much.
 */
@IntegrationTest
class CampaignsTest {

    private static final int AUDIENCE = 40;
    private static final int PER_SECOND = 4;

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    Api api;
    String run;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private Api.Response post(String path, String who) {
        return api.postJson(path, who, "");
    }

    private List<JsonNode> events(String customerId, String type) {
        Api.Response history = api.get("/api/v1/customers/" + customerId + "/events", Api.auditor());
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        return StreamSupport.stream(history.json().get("events").spliterator(), false)
                .filter(e -> e.get("type").asText().equals(type)).toList();
    }

    private void order(String member, String orderId, Instant placedAt, String amount) {
        Api.Response response = api.postJson("/api/v1/ingest/orders", Api.ingest(), """
                {"orderId":"%s","customer":{"type":"member","value":"%s"},"placedAt":"%s","currency":"CNY",
                 "lines":[{"sku":"AFTER-%s","name":"Bought after the campaign","quantity":1,"unitPrice":%s}],"channel":"app","storeId":"store-1"}
                """.formatted(orderId, member, placedAt, run, amount));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }

    private JsonNode arm(JsonNode report, String arm) {
        return StreamSupport.stream(report.get("arms").spliterator(), false).filter(a -> a.get("arm").asText().equals(arm))
                .findFirst().orElseThrow(() -> new AssertionError("no arm " + arm + " in " + report));
    }

    private JsonNode comparison(JsonNode report, String arm, String metric) {
        return StreamSupport.stream(report.at("/experiment/comparisons").spliterator(), false)
                .filter(c -> c.get("arm").asText().equals(arm) && c.get("metric").asText().equals(metric))
                .findFirst().orElseThrow(() -> new AssertionError("no " + metric + " comparison of " + arm + " in " + report));
    }

    @Test
    void a_campaign_sends_each_treated_customer_one_message_in_throttled_batches_pauses_resumes_and_counts_conversions_against_its_holdout()
            throws Exception {
        // --- the audience: 40 buyers of a product only they bought, with marketing consent for the inbox
        String sku = "CMP-" + run;
        List<String> members = members("cmp" + run, AUDIENCE);
        Map<String, String> customerOf = new TreeMap<>();
        members.parallelStream().map(m -> Map.entry(m, buyer(api, m, sku))).toList()
                .forEach(e -> customerOf.put(e.getKey(), e.getValue()));
        inboxConsent(api, members);
        String segment = "cmp_" + run;
        segmentOfBuyers(api, segment, sku, AUDIENCE);
        // --- drafted (the id is the server's) and scheduled
        Instant sendAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        Api.Response created = api.postJson("/api/v1/campaigns", Api.marketer(), plan("Spring " + run, segment, sendAt, PER_SECOND));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("campaignId").asText();
        assertThat(id).matches("cmp-[0-9a-z]{10}");
        assertThat(created.json().get("state").asText()).isEqualTo("DRAFT");
        assertThat(created.json().at("/plan/variants/0/channel").asText()).isEqualTo("inbox");
        Api.Response scheduled = post("/api/v1/campaigns/" + id + "/schedule", Api.marketer());
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        assertThat(scheduled.json().get("state").asText()).isNotEqualTo("DRAFT");

        // --- sending starts at sendAt; paused the moment it runs (refused while it is still SCHEDULED)
        Api.Response paused = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(
                () -> post("/api/v1/campaigns/" + id + "/pause", Api.marketer()), r -> r.status() != 409);
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().get("state").asText()).isEqualTo("PAUSED");
        Thread.sleep(1_500); // a batch already in flight when the pause was recorded still lands
        JsonNode atPause = view(api, id).get("progress");
        Thread.sleep(2_500); // more than two batch intervals
        JsonNode later = view(api, id);
        assertThat(later.get("progress")).as("nothing is sent while paused").isEqualTo(atPause);
        assertThat(later.get("state").asText()).isEqualTo("PAUSED");
        long decidedAtPause = atPause.get("sent").asLong() + atPause.get("heldOut").asLong();
        assertThat(decidedAtPause).isBetween((long) PER_SECOND, (long) AUDIENCE - 1);

        // --- resumed where it stopped, until the audience is exhausted
        Api.Response resumed = post("/api/v1/campaigns/" + id + "/resume", Api.marketer());
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        JsonNode done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> view(api, id), v -> v.get("state").asText().equals("COMPLETED"));
        assertThat(done.get("completionReason").asText()).isEqualTo("audience exhausted");
        Instant startedAt = Instant.parse(done.get("startedAt").asText());

        Assignment assignment = new Assignment(0.25, List.of(new Assignment.Arm("a", 1), new Assignment.Arm("b", 1)));
        Map<String, List<String>> byArm = new TreeMap<>();
        customerOf.forEach((member, customer) -> byArm.computeIfAbsent(assignment.armOf(id, customer), k -> new ArrayList<>()).add(member));
        List<String> inA = byArm.getOrDefault("a", List.of());
        List<String> inB = byArm.getOrDefault("b", List.of());
        List<String> held = byArm.getOrDefault(Assignment.HOLDOUT, List.of());
        assertThat(held).as("the 25 %% holdout of these 40 (a chance of 1 in 7,000 to fail)").hasSizeGreaterThanOrEqualTo(2);
        assertThat(inA).hasSizeGreaterThanOrEqualTo(4);
        assertThat(inB).hasSizeGreaterThanOrEqualTo(2);

        JsonNode progress = done.get("progress");
        assertThat(progress.get("batches").asInt()).as("%d customers a batch", PER_SECOND).isEqualTo(AUDIENCE / PER_SECOND);
        assertThat(progress.at("/sentPerArm/a").asLong()).isEqualTo(inA.size());
        assertThat(progress.at("/sentPerArm/b").asLong()).isEqualTo(inB.size());
        assertThat(progress.get("heldOut").asLong()).isEqualTo(held.size());
        assertThat(progress.at("/spent/amount").decimalValue()).as("inbox messages cost nothing unless configured").isZero();
        assertThat(progress.at("/spent/currency").asText()).isEqualTo("CNY");
        assertThat(progress.get("cursor").asText()).isEqualTo(customerOf.values().stream().max(String::compareTo).orElseThrow());

        // --- each treated customer has exactly one message, of their arm; each held-out one none, and the reason
        customerOf.forEach((member, customer) -> {
            String expectedArm = assignment.armOf(id, customer);
            List<JsonNode> accepted = events(customer, "MessageAcceptedEvent").stream()
                    .filter(e -> e.at("/payload/request/source/key").asText().equals(id)).toList();
            List<JsonNode> holdouts = events(customer, "CampaignHoldoutAssignedEvent").stream()
                    .filter(e -> e.at("/payload/campaignId").asText().equals(id)).toList();
            if (expectedArm.equals(Assignment.HOLDOUT)) {
                assertThat(accepted).as("held-out %s", customer).isEmpty();
                assertThat(holdouts).as("held-out %s", customer).hasSize(1);
                assertThat(Instant.parse(holdouts.get(0).at("/payload/assignedAt").asText())).isAfterOrEqualTo(startedAt);
            } else {
                assertThat(accepted).as("treated %s", customer).hasSize(1);
                assertThat(accepted.get(0).at("/payload/request/source/arm").asText()).isEqualTo(expectedArm);
                assertThat(accepted.get(0).at("/payload/request/messageId").asText()).isEqualTo("campaign:" + id + ":" + customer);
                assertThat(holdouts).as("treated %s", customer).isEmpty();
            }
        });

        // --- the inbox adapter delivered every message (docs/channels.md); the app reported some opens and a
        // click, and some customers ordered after the send
        receipt(customerOf.get(inA.get(0)), id, ReceiptKind.OPENED);
        receipt(customerOf.get(inA.get(1)), id, ReceiptKind.OPENED);
        receipt(customerOf.get(inA.get(0)), id, ReceiptKind.CLICKED);
        Instant now = Instant.now();
        order(inA.get(0), "A0-1-" + run, now, "120.00");
        order(inA.get(0), "A0-2-" + run, now, "10.00");
        order(inA.get(1), "A1-" + run, now, "80.50");
        order(inA.get(2), "A2-" + run, now, "30.00");
        order(inB.get(0), "B0-" + run, now, "55.00");
        order(held.get(0), "H0-" + run, now, "40.00");
        // placed before the campaign reached them (recorded late): not theirs to count
        order(inB.get(1), "B1-late-" + run, now.minus(Duration.ofDays(1)), "999.00");

        JsonNode report = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> api.get("/api/v1/campaigns/" + id + "/report", Api.auditor()).json(),
                r -> arm(r, "a").get("orders").asLong() == 4 && arm(r, "b").get("converted").asLong() == 1
                        && arm(r, "a").get("delivered").asLong() == inA.size() && arm(r, "b").get("delivered").asLong() == inB.size()
                        && arm(r, "holdout").get("converted").asLong() == 1 && arm(r, "a").get("clicked").asLong() == 1);
        assertThat(report.get("control").asText()).isEqualTo("holdout");
        assertThat(report.get("currency").asText()).isEqualTo("CNY");
        assertThat(Duration.parse(report.get("attributionWindow").asText())).isEqualTo(Duration.ofDays(7));

        JsonNode a = arm(report, "a");
        assertThat(a.get("assigned").asLong()).isEqualTo(inA.size());
        assertThat(a.get("accepted").asLong()).isEqualTo(inA.size());
        assertThat(a.get("delivered").asLong()).isEqualTo(inA.size());
        assertThat(a.get("opened").asLong()).isEqualTo(2);
        assertThat(a.get("clicked").asLong()).isEqualTo(1);
        assertThat(a.get("converted").asLong()).isEqualTo(3);
        assertThat(a.get("conversionRate").asDouble()).isCloseTo(3.0 / inA.size(), within(1e-12));
        assertThat(a.at("/revenue/amount").decimalValue()).isEqualByComparingTo("240.50");
        JsonNode b = arm(report, "b");
        assertThat(b.get("assigned").asLong()).isEqualTo(inB.size());
        assertThat(b.get("accepted").asLong()).isEqualTo(inB.size());
        assertThat(b.get("orders").asLong()).as("the late order is not counted").isEqualTo(1);
        assertThat(b.at("/revenue/amount").decimalValue()).isEqualByComparingTo("55.00");
        JsonNode h = arm(report, "holdout");
        assertThat(h.get("assigned").asLong()).isEqualTo(held.size());
        assertThat(h.get("accepted").asLong()).isZero();
        assertThat(h.at("/revenue/amount").decimalValue()).isEqualByComparingTo("40.00");

        // --- the experiment: the platform's statistics over exactly these tallies
        Map<String, ArmTally> tallies = new LinkedHashMap<>();
        tallies.put("a", tally("a", inA.size(), 130.0, 80.5, 30.0));
        tallies.put("b", tally("b", inB.size(), 55.0));
        tallies.put("holdout", tally("holdout", held.size(), 40.0));
        ExperimentReport expected = ExperimentReport.of("holdout", "conversion", Map.of("conversion", tallies),
                Map.of("revenue", tallies), 0.95, 0.05);
        for (String variant : List.of("a", "b")) {
            ProportionComparison p = ProportionComparison.of(tallies.get("holdout"), tallies.get(variant), 0.95);
            JsonNode c = comparison(report, variant, "conversion");
            assertThat(c.get("units").asLong()).isEqualTo(tallies.get(variant).units());
            assertThat(c.get("difference").asDouble()).isCloseTo(p.difference(), within(1e-12));
            assertThat(c.get("lower").asDouble()).isCloseTo(p.lower(), within(1e-12));
            assertThat(c.get("upper").asDouble()).isCloseTo(p.upper(), within(1e-12));
            assertThat(c.get("pValue").asDouble()).isCloseTo(p.pValue(), within(1e-12));
            assertThat(c.get("alwaysValidPValue").asDouble())
                    .isCloseTo(expected.comparison(variant, "conversion").alwaysValidPValue(), within(1e-12));
            assertThat(c.get("probabilityToBeatControl").asDouble())
                    .isCloseTo(ProbabilityToBeat.of(tallies.get("holdout"), tallies.get(variant)), within(1e-12));
            assertThat(comparison(report, variant, "revenue").get("difference").asDouble())
                    .isCloseTo(expected.comparison(variant, "revenue").difference(), within(1e-9));
        }
        assertThat(report.at("/experiment/decision/winner").isMissingNode() ? null : report.at("/experiment/decision/winner").asText())
                .isEqualTo(expected.winner());
        assertThat(report.at("/experiment/decision/stop").asBoolean()).isEqualTo(expected.winner() != null);
        assertThat(report.at("/experiment/decision/rule").asText()).contains("always-valid p-value");
    }

    @Test
    void a_plan_with_problems_is_refused_naming_every_field_and_nothing_is_recorded() {
        String segment = "cmp_bad_" + run;
        Api.Response defined = api.putJson("/api/v1/segments/" + segment, Api.marketer(), """
                {"name":"Nobody %s","condition":{"field":"behaviour.preferredProducts","op":"eq","value":"NONE-%s"}}""".formatted(run, run));
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        String sound = plan("Sound " + run, segment, Instant.now().plus(Duration.ofDays(30)), 5);

        // the plan's own rules: no audience, a negative budget, an unknown channel, no throttle
        Api.Response shape = api.postJson("/api/v1/campaigns", Api.marketer(), sound
                .replace("\"segments\":[\"" + segment + "\"]", "\"segments\":[]")
                .replace("\"amount\":1000.00", "\"amount\":-5")
                .replace("\"channel\":\"inbox\",\"title\"", "\"channel\":\"pigeon\",\"title\"")
                .replace(",\"messagesPerSecond\":5", ""));
        assertThat(shape.status()).as(shape.body()).isEqualTo(400);
        assertThat(shape.json().get("title").asText()).isEqualTo("Invalid campaign");
        assertThat(CampaignFixtures.errors(shape)).anyMatch(e -> e.startsWith("segments: at least one segment is required"))
                .anyMatch(e -> e.startsWith("budget: must be above zero, got -5 CNY"))
                .anyMatch(e -> e.startsWith("variants[0].channel: unknown channel 'pigeon'"))
                .anyMatch(e -> e.startsWith("messagesPerSecond: required"))
                .hasSize(4);

        // what only the platform knows: the segment, the template's fields, the offer
        Api.Response platform = api.postJson("/api/v1/campaigns", Api.marketer(), sound
                .replace("\"segments\":[\"" + segment + "\"]", "\"segments\":[\"" + segment + "\",\"no_such_" + run + "\"]")
                .replace("Hello {{customer.id}}, spring is here", "Your LTV is {{profile.value.ltvv}}")
                .replace("\"body\":\"New season, new prices\"", "\"body\":\"New season\",\"offerId\":\"7KQ2M9TX\""));
        assertThat(platform.status()).as(platform.body()).isEqualTo(400);
        assertThat(CampaignFixtures.errors(platform)).anyMatch(e -> e.startsWith("segments[1]: no segment 'no_such_" + run + "'"))
                .anyMatch(e -> e.startsWith("variants[0].body: {{profile.value.ltvv}}"))
                .anyMatch(e -> e.equals("variants[1].offerId: no offer 7KQ2M9TX"))
                .hasSize(3);

        Api.Response malformed = api.postJson("/api/v1/campaigns", Api.marketer(), "{\"name\": \"x\", \"sendAt\": \"tomorrow\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).startsWith("sendAt:");

        Api.Response all = api.get("/api/v1/campaigns", Api.marketer());
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).doesNotContain("Sound " + run);
    }

    @Test
    void the_lifecycle_refuses_what_the_state_does_not_allow_and_only_marketers_change_campaigns() {
        String segment = "cmp_life_" + run;
        assertThat(api.putJson("/api/v1/segments/" + segment, Api.marketer(), """
                {"name":"Nobody %s","condition":{"field":"behaviour.preferredProducts","op":"eq","value":"NONE-%s"}}"""
                .formatted(run, run)).status()).isEqualTo(200);
        String plan = plan("Later " + run, segment, Instant.now().plus(Duration.ofDays(30)), 5);

        assertThat(api.postJson("/api/v1/campaigns", Api.analyst(), plan).status()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/campaigns", null, plan).status()).isEqualTo(401);
        Api.Response created = api.postJson("/api/v1/campaigns", Api.marketer(), plan);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("campaignId").asText();

        Api.Response pausedDraft = post("/api/v1/campaigns/" + id + "/pause", Api.marketer());
        assertThat(pausedDraft.status()).as(pausedDraft.body()).isEqualTo(409);
        assertThat(pausedDraft.json().get("detail").asText())
                .isEqualTo("state: campaign " + id + " is DRAFT; PauseCampaignCommand needs RUNNING");

        Api.Response renamed = api.putJson("/api/v1/campaigns/" + id, Api.marketer(), plan.replace("Later " + run, "Later still " + run));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Later still " + run);

        Api.Response scheduled = post("/api/v1/campaigns/" + id + "/schedule", Api.marketer());
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        assertThat(scheduled.json().get("state").asText()).isEqualTo("SCHEDULED");
        Api.Response changedAfter = api.putJson("/api/v1/campaigns/" + id, Api.marketer(), plan);
        assertThat(changedAfter.status()).isEqualTo(409);
        assertThat(changedAfter.json().get("detail").asText()).contains("is SCHEDULED; UpdateCampaignCommand needs DRAFT");
        assertThat(post("/api/v1/campaigns/" + id + "/complete", Api.marketer()).status()).isEqualTo(409);
        assertThat(post("/api/v1/campaigns/" + id + "/pause", Api.analyst()).status()).isEqualTo(403);

        // reading: marketers, analysts and auditors; not a source's ingest key
        assertThat(api.get("/api/v1/campaigns/" + id, Api.auditor()).json().get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(api.get("/api/v1/campaigns?state=scheduled", Api.analyst()).body()).contains(id);
        assertThat(api.get("/api/v1/campaigns?state=sending", Api.analyst()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/campaigns", Api.ingest()).status()).isEqualTo(403);
        Api.Response report = api.get("/api/v1/campaigns/" + id + "/report", Api.marketer());
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("arms")).hasSize(3);
        assertThat(report.json().path("experiment").isMissingNode()).as("no experiment without customers").isTrue();
        assertThat(report.json().get("notes").toString()).contains("the control arm holdout needs at least 2 customers");
        assertThat(api.get("/api/v1/campaigns/" + id + "/report?confidence=2", Api.analyst()).body()).contains("confidence:");

        assertThat(api.get("/api/v1/campaigns/cmp-nosuchthing", Api.analyst()).status()).isEqualTo(404);
        assertThat(post("/api/v1/campaigns/cmp-nosuchthing/pause", Api.marketer()).status()).isEqualTo(404);
    }

    /** An arm's tally: {@code assigned} customers, those with revenue converted. */
    private static ArmTally tally(String arm, int assigned, double... revenues) {
        double sum = 0;
        double squares = 0;
        for (double r : revenues) {
            sum += r;
            squares += r * r;
        }
        return new ArmTally(arm, assigned, revenues.length, sum, squares);
    }

    private void receipt(String customer, String campaign, ReceiptKind kind) {
        commands.sendAndWait(new RecordMessageReceiptCommand(new CustomerId(customer), new MessageId("campaign:" + campaign + ":" + customer),
                Channel.INBOX, kind, "inbox-adapter", Instant.now()));
    }
}
