package com.retailpulse.command.campaign;

import com.retailpulse.contracts.campaign.CampaignAllocation;
import com.retailpulse.contracts.campaign.CampaignArmTally;
import com.retailpulse.contracts.campaign.CampaignBatchDispatchedEvent;
import com.retailpulse.contracts.campaign.CampaignTrafficReallocatedEvent;
import com.retailpulse.contracts.campaign.CampaignWinnerDeclaredEvent;
import com.retailpulse.contracts.campaign.DeclareCampaignWinnerCommand;
import com.retailpulse.contracts.campaign.ReallocateCampaignTrafficCommand;
import com.retailpulse.contracts.campaign.CampaignCompletedEvent;
import com.retailpulse.contracts.campaign.CampaignCreatedEvent;
import com.retailpulse.contracts.campaign.CampaignGoal;
import com.retailpulse.contracts.campaign.CampaignId;
import com.retailpulse.contracts.campaign.CampaignPausedEvent;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignResumedEvent;
import com.retailpulse.contracts.campaign.CampaignScheduledEvent;
import com.retailpulse.contracts.campaign.CampaignStartedEvent;
import com.retailpulse.contracts.campaign.CampaignState;
import com.retailpulse.contracts.campaign.CampaignUpdatedEvent;
import com.retailpulse.contracts.campaign.CampaignVariant;
import com.retailpulse.contracts.campaign.CompleteCampaignCommand;
import com.retailpulse.contracts.campaign.CreateCampaignCommand;
import com.retailpulse.contracts.campaign.PauseCampaignCommand;
import com.retailpulse.contracts.campaign.RecordCampaignBatchCommand;
import com.retailpulse.contracts.campaign.ResumeCampaignCommand;
import com.retailpulse.contracts.campaign.ScheduleCampaignCommand;
import com.retailpulse.contracts.campaign.StartCampaignCommand;
import com.retailpulse.contracts.campaign.UpdateCampaignCommand;
import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.message.Channel;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

class CampaignTest {

    private static final Instant NOW = Instant.parse("2026-11-01T08:00:00Z");
    private static final CampaignId ID = new CampaignId("singles-day-2026");
    private static final Instant STARTS = NOW.plus(Duration.ofDays(9));
    private static final Instant SEND_AT = STARTS.plus(Duration.ofHours(10));
    private static final Instant ENDS = STARTS.plus(Duration.ofDays(3));
    private static final CampaignVariant A = new CampaignVariant("a", 1, Channel.SMS, null, "{{name}}, 20 off 100 today", "7KQ2M9TX");
    private static final CampaignVariant B = new CampaignVariant("b", 1, Channel.APP_PUSH, "Singles' Day", "Your coupon is waiting", null);
    private static final CampaignPlan PLAN = plan(List.of("high_value", "lapsed_90d"), List.of("complained"), List.of(A, B), 0.1,
            STARTS, SEND_AT, ENDS);

    private AggregateTestFixture<Campaign> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Campaign.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static CampaignPlan plan(List<String> segments, List<String> excluded, List<CampaignVariant> variants, double holdout,
                                     Instant starts, Instant sendAt, Instant ends) {
        return new CampaignPlan("Singles' Day 2026", CampaignGoal.CONVERSION, starts, ends, cny("50000.00"), segments, excluded,
                variants, holdout, sendAt, 500, 60, null, null);
    }

    private static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    private static Object[] inState(CampaignState state) {
        List<Object> events = new ArrayList<>();
        events.add(new CampaignCreatedEvent(ID, PLAN, NOW));
        if (state == CampaignState.DRAFT) {
            return events.toArray();
        }
        events.add(new CampaignScheduledEvent(ID, PLAN, NOW));
        if (state == CampaignState.SCHEDULED) {
            return events.toArray();
        }
        events.add(new CampaignStartedEvent(ID, SEND_AT));
        if (state == CampaignState.PAUSED) {
            events.add(new CampaignPausedEvent(ID, SEND_AT.plusSeconds(60)));
        } else if (state == CampaignState.COMPLETED) {
            events.add(new CampaignCompletedEvent(ID, "stopped by marketer", SEND_AT.plusSeconds(60)));
        }
        return events.toArray();
    }

    private static RecordCampaignBatchCommand batch(int number, String spent) {
        return new RecordCampaignBatchCommand(ID, number, "cust-" + number, Map.of("a", 200, "b", 250), 50, cny(spent));
    }

    private static CampaignBatchDispatchedEvent dispatched(int number, String spent, String total, Instant at) {
        return new CampaignBatchDispatchedEvent(ID, number, "cust-" + number, Map.of("a", 200, "b", 250), 50, cny(spent), cny(total), at);
    }

    // --- the plan -------------------------------------------------------------------------------------

    @Test
    void a_new_campaign_is_a_draft_with_its_plan() {
        fixture.givenNoPriorActivity()
                .when(new CreateCampaignCommand(ID, PLAN))
                .expectEvents(new CampaignCreatedEvent(ID, PLAN, NOW));
        fixture.given(new CampaignCreatedEvent(ID, PLAN, NOW))
                .when(new ScheduleCampaignCommand(ID))
                .expectEvents(new CampaignScheduledEvent(ID, PLAN, NOW));
    }

    @Test
    void campaigns_without_audience_are_rejected() {
        CampaignPlan noAudience = plan(List.of(), List.of(), List.of(A), 0, STARTS, SEND_AT, ENDS);
        assertThatThrownBy(() -> new CreateCampaignCommand(ID, noAudience))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segments: at least one segment is required; campaigns without audience are rejected");
        assertThatThrownBy(() -> new UpdateCampaignCommand(ID, plan(null, null, List.of(A), 0, STARTS, SEND_AT, ENDS)))
                .hasMessageContaining("segments: at least one segment is required");
    }

    @Test
    void each_unsound_field_of_a_plan_is_named_with_its_value() {
        List<CampaignVariant> variants = List.of(
                new CampaignVariant("A b", 0, null, null, " ", "not-an-offer"),
                new CampaignVariant("b", 1, Channel.EMAIL, "x".repeat(201), "hi", null),
                new CampaignVariant("b", 2, Channel.SMS, null, "hi again", null),
                new CampaignVariant("holdout", 1, Channel.SMS, null, "hi", null));
        CampaignPlan bad = new CampaignPlan(" ", null, ENDS, STARTS, cny("0"), List.of("vip", "Bad Key", "vip"),
                List.of("vip"), variants, 0.6, ENDS.plusSeconds(1), 0, 101, null, null);
        assertThatThrownBy(() -> new CreateCampaignCommand(ID, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name: required")
                .hasMessageContaining("goal: required, one of [CONVERSION, REVENUE, REACTIVATION, ENGAGEMENT]")
                .hasMessageContaining("endsAt: must be after startsAt (" + ENDS + "), got " + STARTS)
                .hasMessageContaining("budget: must be above zero, got 0 CNY")
                .hasMessageContaining("segments[1]: not a segment key: 'Bad Key'")
                .hasMessageContaining("segments[2]: 'vip' is listed twice")
                .hasMessageContaining("excludedSegments[0]: 'vip' is also in segments")
                .hasMessageContaining("variants[0].key: 1–40 characters of a–z, 0–9 and -, starting with a letter or digit; got 'A b'")
                .hasMessageContaining("variants[0].weight: must be 1–1000, got 0")
                .hasMessageContaining("variants[0].channel: required, one of sms, app-push")
                .hasMessageContaining("variants[0].body: required")
                .hasMessageContaining("variants[0].offerId: offer id must be 8 characters")
                .hasMessageContaining("variants[1].title: at most 200 characters, got 201")
                .hasMessageContaining("variants[2].key: 'b' is used by another variant")
                .hasMessageContaining("variants[3].key: 'holdout' names the customers who get nothing")
                .hasMessageContaining("holdoutShare: must be 0–0.5, got 0.6")
                .hasMessageContaining("messagesPerSecond: must be 1–10000, got 0")
                .hasMessageContaining("priority: must be 0–100, got 101");
    }

    @Test
    void a_send_time_outside_the_period_is_refused() {
        assertThatThrownBy(() -> new CreateCampaignCommand(ID, plan(List.of("vip"), List.of(), List.of(A), 0, STARTS, ENDS, ENDS)))
                .hasMessageContaining("sendAt: must be within the period " + STARTS + " to " + ENDS + ", got " + ENDS);
        assertThatThrownBy(() -> new CreateCampaignCommand(ID, plan(List.of("vip"), List.of(), List.of(A), 0, STARTS,
                STARTS.minusSeconds(1), ENDS)))
                .hasMessageContaining("sendAt: must be within the period");
    }

    @Test
    void a_campaign_has_one_to_ten_variants() {
        List<CampaignVariant> eleven = IntStream.rangeClosed(1, 11)
                .mapToObj(i -> new CampaignVariant("v" + i, 1, Channel.INBOX, null, "hello " + i, null)).toList();
        assertThatThrownBy(() -> new CreateCampaignCommand(ID, plan(List.of("vip"), List.of(), eleven, 0, STARTS, SEND_AT, ENDS)))
                .hasMessageContaining("variants: a campaign has 1–10 variants, got 11");
        assertThatThrownBy(() -> new CreateCampaignCommand(ID, plan(List.of("vip"), List.of(), List.of(), 0, STARTS, SEND_AT, ENDS)))
                .hasMessageContaining("variants: a campaign has 1–10 variants, got 0");
        new CreateCampaignCommand(ID, plan(List.of("vip"), List.of(), eleven.subList(0, 10), 0.5, STARTS, SEND_AT, ENDS));
    }

    @Test
    void a_draft_takes_a_new_plan_and_an_unchanged_plan_records_nothing() {
        CampaignPlan changed = plan(List.of("vip"), List.of(), List.of(B), 0.2, STARTS, SEND_AT, ENDS);
        fixture.given(inState(CampaignState.DRAFT))
                .when(new UpdateCampaignCommand(ID, changed))
                .expectEvents(new CampaignUpdatedEvent(ID, changed, NOW));
        fixture.given(inState(CampaignState.DRAFT))
                .when(new UpdateCampaignCommand(ID, PLAN))
                .expectNoEvents();
    }

    @Test
    void scheduling_fixes_the_latest_plan() {
        CampaignPlan changed = plan(List.of("vip"), List.of(), List.of(B), 0.2, STARTS, SEND_AT, ENDS);
        fixture.given(new CampaignCreatedEvent(ID, PLAN, NOW), new CampaignUpdatedEvent(ID, changed, NOW))
                .when(new ScheduleCampaignCommand(ID))
                .expectEvents(new CampaignScheduledEvent(ID, changed, NOW));
    }

    @Test
    void a_send_time_that_has_passed_cannot_be_scheduled() {
        Instant sendAt = NOW.minusSeconds(1);
        CampaignPlan late = plan(List.of("vip"), List.of(), List.of(A), 0, NOW.minus(Duration.ofDays(1)), sendAt, ENDS);
        fixture.given(new CampaignCreatedEvent(ID, late, NOW.minus(Duration.ofDays(2))))
                .when(new ScheduleCampaignCommand(ID))
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("sendAt: " + sendAt + " has passed (it is " + NOW + "); update the draft with a later send time");
        CampaignPlan now = plan(List.of("vip"), List.of(), List.of(A), 0, NOW.minus(Duration.ofDays(1)), NOW, ENDS);
        fixture.given(new CampaignCreatedEvent(ID, now, NOW.minus(Duration.ofDays(2))))
                .when(new ScheduleCampaignCommand(ID))
                .expectEvents(new CampaignScheduledEvent(ID, now, NOW));
    }

    // --- lifecycle ------------------------------------------------------------------------------------

    @Test
    void a_scheduled_campaign_starts_pauses_resumes_and_completes() {
        fixture.given(inState(CampaignState.SCHEDULED))
                .when(new StartCampaignCommand(ID))
                .expectEvents(new CampaignStartedEvent(ID, NOW));
        fixture.given(inState(CampaignState.RUNNING))
                .when(new PauseCampaignCommand(ID))
                .expectEvents(new CampaignPausedEvent(ID, NOW));
        fixture.given(inState(CampaignState.PAUSED))
                .when(new ResumeCampaignCommand(ID))
                .expectEvents(new CampaignResumedEvent(ID, NOW));
        fixture.given(inState(CampaignState.RUNNING))
                .when(new CompleteCampaignCommand(ID, CompleteCampaignCommand.AUDIENCE_EXHAUSTED))
                .expectEvents(new CampaignCompletedEvent(ID, "audience exhausted", NOW));
        fixture.given(inState(CampaignState.PAUSED))
                .when(new CompleteCampaignCommand(ID, "stopped: wrong coupon in the message"))
                .expectEvents(new CampaignCompletedEvent(ID, "stopped: wrong coupon in the message", NOW));
    }

    static Stream<Arguments> illegalTransitions() {
        Map<String, Object> commands = Map.of(
                "UpdateCampaignCommand", new UpdateCampaignCommand(ID, PLAN),
                "ScheduleCampaignCommand", new ScheduleCampaignCommand(ID),
                "StartCampaignCommand", new StartCampaignCommand(ID),
                "PauseCampaignCommand", new PauseCampaignCommand(ID),
                "ResumeCampaignCommand", new ResumeCampaignCommand(ID),
                "CompleteCampaignCommand", new CompleteCampaignCommand(ID, "stopped by marketer"),
                "RecordCampaignBatchCommand", batch(1, "10.00"));
        Map<String, Set<CampaignState>> legal = Map.of(
                "UpdateCampaignCommand", Set.of(CampaignState.DRAFT),
                "ScheduleCampaignCommand", Set.of(CampaignState.DRAFT),
                "StartCampaignCommand", Set.of(CampaignState.SCHEDULED),
                "PauseCampaignCommand", Set.of(CampaignState.RUNNING),
                "ResumeCampaignCommand", Set.of(CampaignState.PAUSED),
                "CompleteCampaignCommand", Set.of(CampaignState.RUNNING, CampaignState.PAUSED),
                "RecordCampaignBatchCommand", Set.of(CampaignState.RUNNING, CampaignState.PAUSED, CampaignState.COMPLETED));
        List<Arguments> cases = new ArrayList<>();
        for (CampaignState state : CampaignState.values()) {
            commands.keySet().stream().sorted().filter(name -> !legal.get(name).contains(state))
                    .forEach(name -> cases.add(Arguments.of(state, name, commands.get(name))));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("illegalTransitions")
    void every_illegal_transition_is_refused_naming_the_state_and_the_command(CampaignState state, String name, Object command) {
        fixture.given(inState(state))
                .when(command)
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage(containsString("state: campaign singles-day-2026 is " + state + "; " + name + " needs "))
                .expectNoEvents();
    }

    @Test
    void there_are_twenty_five_illegal_transitions() {
        // 7 commands × 5 states, minus the 10 legal pairs: a guard against a table that tests nothing
        assertThat(illegalTransitions().count()).isEqualTo(25);
    }

    @Test
    void a_blank_reason_cannot_complete_a_campaign() {
        assertThatThrownBy(() -> new CompleteCampaignCommand(ID, " "))
                .hasMessage("reason: required (why the campaign ends)");
    }

    // --- dispatch progress ----------------------------------------------------------------------------

    @Test
    void a_batch_is_recorded_once_and_a_repeat_answers_false() {
        fixture.given(inState(CampaignState.RUNNING))
                .when(batch(1, "12.50"))
                .expectEvents(dispatched(1, "12.50", "12.50", NOW))
                .expectResultMessagePayload(true);
        fixture.given(inState(CampaignState.RUNNING))
                .andGiven(dispatched(1, "12.50", "12.50", NOW))
                .when(batch(1, "12.50"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void spent_accumulates_over_batches_even_out_of_order() {
        fixture.given(inState(CampaignState.RUNNING))
                .andGiven(dispatched(1, "12.50", "12.50", NOW), dispatched(3, "10.00", "22.50", NOW))
                .when(batch(2, "7.25"))
                .expectEvents(dispatched(2, "7.25", "29.75", NOW))
                .expectResultMessagePayload(true);
        fixture.given(inState(CampaignState.RUNNING))
                .andGiven(dispatched(1, "12.50", "12.50", NOW), dispatched(3, "10.00", "22.50", NOW),
                        dispatched(2, "7.25", "29.75", NOW))
                .when(batch(3, "10.00"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void a_batch_beyond_the_budget_is_still_recorded_because_the_money_is_spent() {
        fixture.given(inState(CampaignState.RUNNING))
                .andGiven(dispatched(1, "49990.00", "49990.00", NOW))
                .when(batch(2, "20.00"))
                .expectEvents(dispatched(2, "20.00", "50010.00", NOW));
    }

    @Test
    void a_batch_may_arrive_while_paused_or_after_completion() {
        fixture.given(inState(CampaignState.PAUSED))
                .when(batch(1, "1.00"))
                .expectEvents(dispatched(1, "1.00", "1.00", NOW));
        fixture.given(inState(CampaignState.COMPLETED))
                .when(batch(1, "1.00"))
                .expectEvents(dispatched(1, "1.00", "1.00", NOW));
    }

    @Test
    void a_batch_in_another_currency_or_for_an_unknown_variant_is_refused() {
        fixture.given(inState(CampaignState.RUNNING))
                .when(new RecordCampaignBatchCommand(ID, 1, "c", Map.of("a", 1), 0, Money.of("1.00", "GBP")))
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("spent.currency: the budget of campaign singles-day-2026 is in CNY, got GBP");
        fixture.given(inState(CampaignState.RUNNING))
                .when(new RecordCampaignBatchCommand(ID, 1, "c", Map.of("c", 1), 0, cny("1.00")))
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("sentPerArm: 'c' is not a variant of campaign singles-day-2026 (variants: a, b)");
    }

    @Test
    void a_batch_report_of_impossible_shape_is_refused_naming_the_field() {
        assertThatThrownBy(() -> new RecordCampaignBatchCommand(ID, 0, null, Map.of(), 0, cny("0")))
                .hasMessage("batch: numbers start at 1, got 0");
        assertThatThrownBy(() -> new RecordCampaignBatchCommand(ID, 1, null, Map.of("a", -1), 0, cny("0")))
                .hasMessage("sentPerArm.a: must be 0 or more, got -1");
        assertThatThrownBy(() -> new RecordCampaignBatchCommand(ID, 1, null, Collections.emptyMap(), -2, cny("0")))
                .hasMessage("heldOut: must be 0 or more, got -2");
        assertThatThrownBy(() -> new RecordCampaignBatchCommand(ID, 1, null, Map.of(), 0, cny("-0.01")))
                .hasMessage("spent: must not be negative, got -0.01");
    }

    // --- traffic allocation (ADR 0022) ------------------------------------------------------------------

    private static final CampaignVariant C = new CampaignVariant("c", 2, Channel.INBOX, null, "Third way", null);

    private static CampaignPlan allocated(CampaignAllocation allocation, Double minimumShare) {
        return new CampaignPlan("Singles' Day 2026", CampaignGoal.CONVERSION, STARTS, ENDS, cny("50000.00"), List.of("high_value"),
                List.of(), List.of(A, B, C), 0.1, SEND_AT, 500, 60, allocation, minimumShare);
    }

    private static final CampaignPlan AUTO = allocated(CampaignAllocation.AUTO_WINNER, null);
    private static final CampaignPlan THOMPSON = allocated(CampaignAllocation.THOMPSON, 0.1);
    private static final List<CampaignArmTally> TALLIES = List.of(new CampaignArmTally("holdout", 40, 2, null),
            new CampaignArmTally("a", 120, 30, null), new CampaignArmTally("b", 118, 8, null), new CampaignArmTally("c", 240, 20, null));

    private static Object[] running(CampaignPlan plan, Object... more) {
        List<Object> events = new ArrayList<>(List.of(new CampaignCreatedEvent(ID, plan, NOW), new CampaignScheduledEvent(ID, plan, NOW),
                new CampaignStartedEvent(ID, SEND_AT)));
        events.addAll(List.of(more));
        return events.toArray();
    }

    private static Map<String, Integer> weights(int a, int b, int c) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("a", a);
        weights.put("b", b);
        weights.put("c", c);
        return weights;
    }

    private static DeclareCampaignWinnerCommand declare(String winner) {
        return new DeclareCampaignWinnerCommand(ID, winner, "holdout", 0.004, 0.05 / 3, TALLIES);
    }

    @Test
    void an_auto_winner_campaign_declares_its_winner_once_and_a_second_look_changes_nothing() {
        fixture.given(running(AUTO))
                .when(declare("a"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new CampaignWinnerDeclaredEvent(ID, 1, "a", "holdout", 0.004, 0.05 / 3, TALLIES, NOW));
        CampaignWinnerDeclaredEvent declared = new CampaignWinnerDeclaredEvent(ID, 1, "a", "holdout", 0.004, 0.05 / 3, TALLIES, NOW);
        fixture.given(running(AUTO, declared))
                .when(declare("a"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(running(AUTO, declared))
                .when(declare("c"))
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("winner: campaign singles-day-2026 declared a the winner already; a campaign declares one winner"
                        + " at most, got c");
    }

    @Test
    void a_winner_is_declared_while_running_or_paused_only_for_auto_winner_and_only_among_the_variants() {
        fixture.given(running(AUTO, new CampaignPausedEvent(ID, SEND_AT.plusSeconds(5))))
                .when(declare("b"))
                .expectEvents(new CampaignWinnerDeclaredEvent(ID, 1, "b", "holdout", 0.004, 0.05 / 3, TALLIES, NOW));
        fixture.given(running(AUTO))
                .when(declare("z"))
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("winner: 'z' is not a variant of campaign singles-day-2026 (variants: a, b, c)");
        fixture.given(running(AUTO, new CampaignCompletedEvent(ID, "audience exhausted", SEND_AT.plusSeconds(9))))
                .when(declare("a"))
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("state: campaign singles-day-2026 is COMPLETED; DeclareCampaignWinnerCommand needs RUNNING or PAUSED");
        fixture.given(new CampaignCreatedEvent(ID, AUTO, NOW), new CampaignScheduledEvent(ID, AUTO, NOW))
                .when(declare("a"))
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("state: campaign singles-day-2026 is SCHEDULED; DeclareCampaignWinnerCommand needs RUNNING or PAUSED");
        fixture.given(running(THOMPSON))
                .when(declare("a"))
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("allocation: campaign singles-day-2026 is thompson; DeclareCampaignWinnerCommand"
                        + " needs auto-winner");
        assertThatThrownBy(() -> new DeclareCampaignWinnerCommand(ID, "a", "holdout", 0.2, 0.025, TALLIES))
                .hasMessage("alwaysValidPValue: 0.2 is above the threshold 0.025; not a winner");
    }

    @Test
    void a_thompson_campaign_takes_new_weights_with_a_version_and_the_same_weights_again_record_nothing() {
        ReallocateCampaignTrafficCommand shift = new ReallocateCampaignTrafficCommand(ID, weights(700, 150, 150), "thompson shares",
                TALLIES);
        CampaignTrafficReallocatedEvent first = new CampaignTrafficReallocatedEvent(ID, 1, weights(700, 150, 150), "thompson shares",
                TALLIES, NOW);
        fixture.given(running(THOMPSON))
                .when(shift)
                .expectResultMessagePayload(true)
                .expectEvents(first);
        fixture.given(running(THOMPSON, first))
                .when(shift)
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(running(THOMPSON, first, new CampaignPausedEvent(ID, SEND_AT.plusSeconds(3))))
                .when(new ReallocateCampaignTrafficCommand(ID, weights(100, 100, 800), "thompson shares", TALLIES))
                .expectEvents(new CampaignTrafficReallocatedEvent(ID, 2, weights(100, 100, 800), "thompson shares", TALLIES, NOW));
    }

    @Test
    void a_reallocation_is_refused_for_fixed_and_auto_winner_campaigns_outside_running_or_paused_and_for_unknown_arms() {
        ReallocateCampaignTrafficCommand shift = new ReallocateCampaignTrafficCommand(ID, weights(700, 150, 150), "thompson shares",
                TALLIES);
        fixture.given(running(allocated(CampaignAllocation.FIXED, null)))
                .when(shift)
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("allocation: campaign singles-day-2026 is fixed; ReallocateCampaignTrafficCommand"
                        + " needs thompson");
        fixture.given(running(allocated(null, null)))
                .when(shift)
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("allocation: campaign singles-day-2026 is fixed; ReallocateCampaignTrafficCommand"
                        + " needs thompson");
        fixture.given(running(AUTO))
                .when(shift)
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("allocation: campaign singles-day-2026 is auto-winner; ReallocateCampaignTrafficCommand"
                        + " needs thompson");
        fixture.given(new CampaignCreatedEvent(ID, THOMPSON, NOW))
                .when(shift)
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("state: campaign singles-day-2026 is DRAFT; ReallocateCampaignTrafficCommand needs RUNNING or PAUSED");
        Map<String, Integer> unknown = weights(700, 150, 150);
        unknown.put("zz", 10);
        fixture.given(running(THOMPSON))
                .when(new ReallocateCampaignTrafficCommand(ID, unknown, "thompson shares", TALLIES))
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("weights: 'zz' is not a variant of campaign singles-day-2026 (variants: a, b, c)");
        fixture.given(running(THOMPSON))
                .when(new ReallocateCampaignTrafficCommand(ID, Map.of("a", 500, "b", 500), "thompson shares", TALLIES))
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("weights: variant 'c' of campaign singles-day-2026 has no weight; give every variant one (a, b, c)");
    }

    @Test
    void a_reallocation_keeps_every_variant_at_or_above_the_floor() {
        fixture.given(running(THOMPSON))
                .when(new ReallocateCampaignTrafficCommand(ID, weights(850, 90, 60), "thompson shares", TALLIES))
                .expectException(CampaignRuleViolation.class)
                .expectExceptionMessage("weights.b: a share of 0.09 is below the campaign's minimumShare 0.1");
        fixture.given(running(THOMPSON))
                .when(new ReallocateCampaignTrafficCommand(ID, weights(800, 100, 100), "thompson shares", TALLIES))
                .expectEvents(new CampaignTrafficReallocatedEvent(ID, 1, weights(800, 100, 100), "thompson shares", TALLIES, NOW));
        assertThatThrownBy(() -> new ReallocateCampaignTrafficCommand(ID, weights(0, 0, 0), "r", TALLIES))
                .hasMessage("weights: at least one variant needs a weight above 0, got {a=0, b=0, c=0}");
        assertThatThrownBy(() -> new ReallocateCampaignTrafficCommand(ID, weights(-1, 0, 3), "r", TALLIES))
                .hasMessage("weights.a: must be 0–1000, got -1");
    }

    @Test
    void a_plan_names_an_allocation_it_cannot_use_and_a_floor_out_of_range() {
        assertThat(allocated(CampaignAllocation.THOMPSON, null).problems()).isEmpty();
        assertThat(allocated(CampaignAllocation.THOMPSON, null).minimumShareOrDefault()).isEqualTo(0.05);
        assertThat(allocated(null, null).allocationOrDefault()).isEqualTo(CampaignAllocation.FIXED);
        assertThat(allocated(CampaignAllocation.THOMPSON, 0.4).problems())
                .containsExactly("minimumShare: must be 0–0.3333333333333333 (at most 1 / the number of variants), got 0.4");
        assertThat(allocated(CampaignAllocation.THOMPSON, -0.01).problems()).singleElement().asString().startsWith("minimumShare: must be 0–");
        assertThat(allocated(CampaignAllocation.AUTO_WINNER, 0.1).problems())
                .containsExactly("minimumShare: only a thompson allocation has a floor, the allocation is auto-winner");
        CampaignPlan single = new CampaignPlan("One", CampaignGoal.CONVERSION, STARTS, ENDS, cny("1.00"), List.of("vip"), List.of(),
                List.of(A), 0.1, SEND_AT, 5, 5, CampaignAllocation.AUTO_WINNER, null);
        assertThat(single.problems()).containsExactly("allocation: auto-winner moves traffic between variants and needs at least 2, got 1");
        assertThat(CampaignAllocation.fromCode(" Auto_Winner ")).contains(CampaignAllocation.AUTO_WINNER);
        assertThat(CampaignAllocation.fromCode("greedy")).isEmpty();
    }
}
