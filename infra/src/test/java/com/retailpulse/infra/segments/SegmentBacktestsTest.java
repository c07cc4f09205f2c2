package com.retailpulse.infra.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.IntegrationTest;
import com.retailpulse.projections.profile.ProfileAsOf;
import com.retailpulse.projections.profile.ProfileDocument;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Segment backtests on the real stack (docs/backtests.md): orders placed in March 2003 (stored now, dated then)
 * by three customers; a draft "bought this run's product and ordered in the last two days" tried daily over
 * 1–11 March finds A in from the 3rd to the 7th, B from the 9th, C never, D (first seen after the period) not
 * at all, and the orders that followed entry: each figure worked out by hand below.
 */
@IntegrationTest
class SegmentBacktestsTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore events;
    @Autowired
    ProfileAsOf profiles;

    private final String run = Long.toString(System.nanoTime(), 36).toUpperCase();

    @Test
    void a_draft_condition_tried_daily_over_a_past_period_gives_members_entries_exits_and_the_orders_that_followed() {
        Api api = new Api(port);
        String sku = "SBT-" + run;
        CustomerId a = order("A", "2003-03-02T10:00:00Z", sku, "10.00");
        order("A", "2003-03-04T10:00:00Z", sku, "20.00");
        CustomerId b = order("B", "2003-03-01T12:00:00Z", "OTHER-" + run, "5.00");
        order("B", "2003-03-08T12:00:00Z", sku, "30.00");
        order("B", "2003-03-10T12:00:00Z", "OTHER-" + run, "15.00");
        order("C", "2003-03-01T06:00:00Z", "OTHER-" + run, "40.00");
        order("C", "2003-03-02T06:00:00Z", "OTHER-" + run, "12.00");
        order("D", "2003-03-20T10:00:00Z", sku, "99.00");
        String condition = """
                {"all":[{"field":"behaviour.preferredProducts","op":"eq","value":"%s"},
                        {"field":"lifecycle.daysSinceLastOrder","op":"lte","value":2}]}""".formatted(sku);

        // bad requests are named; auditors read but do not run
        Api.Response bad = api.postJson("/api/v1/segments/backtests", Api.analyst(), """
                {"condition":{"field":"no.such.field","op":"eq","value":1},"from":"2003-03-11T00:00:00Z","to":"2003-03-01T00:00:00Z",
                 "step":"daily"}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("condition.field: unknown field 'no.such.field'").contains("to: the period must end after it starts")
                .contains("step: a positive ISO-8601 duration");
        Api.Response tooMany = api.postJson("/api/v1/segments/backtests", Api.analyst(), """
                {"condition":%s,"from":"2003-03-01T00:00:00Z","to":"2004-03-01T00:00:00Z","step":"PT12H"}""".formatted(condition));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("step: at most 400 checkpoints");
        String request = """
                {"condition":%s,"from":"2003-03-01T00:00:00Z","to":"2003-03-11T00:00:00Z","step":"P1D","conversionWindow":"P3D"}"""
                .formatted(condition);
        assertThat(api.postJson("/api/v1/segments/backtests", Api.auditor(), request).status()).isEqualTo(403);

        JsonNode done = completed(api, api.postJson("/api/v1/segments/backtests", Api.analyst(), request));
        assertThat(done.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(done.get("customers").asLong()).as("every customer in the store was walked").isPositive()
                .isEqualTo(done.get("customersWalked").asLong());
        JsonNode r = done.get("result");
        List<Long> members = new ArrayList<>();
        r.get("series").forEach(p -> members.add(p.get("members").asLong()));
        // 1st, 2nd: none; 3rd–7th: A (ordered on the 2nd and the 4th); 8th: A's last order 3 days old; 9th–11th: B
        assertThat(members).containsExactly(0L, 0L, 1L, 1L, 1L, 1L, 1L, 0L, 1L, 1L, 1L);
        assertThat(r.get("series").get(2).get("entered").asLong()).isEqualTo(1);
        assertThat(r.get("series").get(7).get("left").asLong()).isEqualTo(1);
        assertThat(r.get("entries").asLong()).isEqualTo(2);
        assertThat(r.get("exits").asLong()).isEqualTo(1);
        assertThat(r.get("customersEver").asLong()).isEqualTo(2);
        assertThat(r.get("customersProfiled").asLong()).as("A, B and C; D was first seen after the period").isEqualTo(3);
        assertThat(r.get("averageMembers").asDouble()).isEqualTo(0.73);
        // A entered on the 3rd and ordered on the 4th (20); B entered on the 9th and ordered on the 10th (15)
        JsonNode in = r.get("members");
        assertThat(in.get("customers").asLong()).isEqualTo(2);
        assertThat(in.get("converted").asLong()).isEqualTo(2);
        assertThat(in.get("revenue").get("CNY").decimalValue()).isEqualByComparingTo("35.00");
        // C, first profiled on the 2nd, ordered that morning (12)
        JsonNode others = r.get("others");
        assertThat(others.get("customers").asLong()).isEqualTo(1);
        assertThat(others.get("converted").asLong()).isEqualTo(1);
        assertThat(others.get("revenue").get("CNY").decimalValue()).isEqualByComparingTo("12.00");
        assertThat(r.get("sample").get(0).get("customerId").asText()).isEqualTo(a.value());
        assertThat(r.get("sample").get(0).get("lastIn").asText()).isEqualTo("2003-03-07T00:00:00Z");
        assertThat(r.get("sample").get(1).get("customerId").asText()).isEqualTo(b.value());

        assertThat(api.get("/api/v1/segments/backtests", Api.auditor()).json().get(0).get("id").asText()).isEqualTo(done.get("id").asText());
        var refused = api.postJson("/api/v1/segments/backtests/" + done.get("id").asText() + "/cancel", Api.marketer(), "");
        assertThat(refused.status()).as("a completed backtest cannot be cancelled").isEqualTo(409);
        assertThat(refused.body()).contains("segment backtest " + done.get("id").asText()
                + " is COMPLETED: only a queued or running segment backtest can be cancelled");
    }

    @Test
    void a_timeline_walked_forward_derives_the_same_profile_as_the_profile_as_of_each_moment() {
        CustomerId a = order("T", "2003-05-02T10:00:00Z", "SBT-T-" + run, "10.00");
        order("T", "2003-05-04T10:00:00Z", "SBT-T-" + run, "20.00");
        order("T", "2003-05-09T10:00:00Z", "SBT-U-" + run, "7.50");
        // in the order things happened, as a backtest walks them (the customer's creation is dated when it was stored)
        List<DomainEventMessage<?>> history = new ArrayList<>(events.readEvents(a.value()).asStream().toList());
        history.sort(ProfileAsOf.IN_BUSINESS_ORDER);
        ProfileAsOf.Timeline timeline = profiles.timeline(Instant.parse("2003-05-01T00:00:00Z"));
        int next = 0;
        for (Instant at = Instant.parse("2003-05-03T00:00:00Z"); at.isBefore(Instant.parse("2003-05-12T00:00:00Z")); at = at.plus(Duration.ofDays(1))) {
            while (next < history.size() && !ProfileAsOf.businessTimeOf(history.get(next)).isAfter(at)) {
                timeline.apply(history.get(next++));
            }
            ProfileDocument walked = timeline.at(at).get(a.value());
            ProfileDocument asOf = profiles.asOfBusinessTime(a.value(), at).orElseThrow();
            assertThat(walked.tags()).as("tags as of " + at).isEqualTo(asOf.tags());
            assertThat(walked.orders()).as("orders as of " + at).isEqualTo(asOf.orders());
        }
        assertThat(next).as("the customer's creation, stored now, is still ahead").isEqualTo(history.size() - 1);
    }

    private CustomerId order(String who, String placedAt, String sku, String total) {
        CustomerIdentifier member = CustomerIdentifier.parse("member:SBT-" + who + "-" + run);
        CustomerId id = CustomerId.firstSeenAs(member);
        commands.sendAndWait(new RecordOrderCommand(id, member, "sbt-" + who + "-" + placedAt + "-" + run, Instant.parse(placedAt), "CNY",
                List.of(new OrderLine(sku, "Backtest product", 1, new BigDecimal(total))), "store", "S-1"));
        return id;
    }

    private static JsonNode completed(Api api, Api.Response started) {
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asText();
        JsonNode done = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(300))
                .until(() -> api.get("/api/v1/segments/backtests/" + id, Api.analyst()).json(),
                        b -> !"QUEUED".equals(b.get("status").asText()) && !"RUNNING".equals(b.get("status").asText()));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        return done;
    }
}
