package com.retailpulse.sagas.campaign;

import com.retailpulse.contracts.campaign.CampaignAllocation;
import com.retailpulse.contracts.campaign.CampaignCompletedEvent;
import com.retailpulse.contracts.campaign.CampaignGoal;
import com.retailpulse.contracts.campaign.CampaignId;
import com.retailpulse.contracts.campaign.CampaignPausedEvent;
import com.retailpulse.contracts.campaign.CampaignPlan;
import com.retailpulse.contracts.campaign.CampaignResumedEvent;
import com.retailpulse.contracts.campaign.CampaignScheduledEvent;
import com.retailpulse.contracts.campaign.CampaignStartedEvent;
import com.retailpulse.contracts.campaign.CampaignTrafficReallocatedEvent;
import com.retailpulse.contracts.campaign.CampaignVariant;
import com.retailpulse.contracts.campaign.CampaignWinnerDeclaredEvent;
import com.retailpulse.contracts.campaign.CompleteCampaignCommand;
import com.retailpulse.contracts.campaign.RecordCampaignBatchCommand;
import com.retailpulse.contracts.campaign.StartCampaignCommand;
import com.retailpulse.contracts.common.Assignment;
import com.retailpulse.contracts.common.Money;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.RecordCampaignHoldoutCommand;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasProperty;

class CampaignDispatchTest {

    private static final CampaignId ID = new CampaignId("spring-sale");
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant STARTS = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant SEND_AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant ENDS = Instant.parse("2026-03-09T00:00:00Z");
    private static final CampaignVariant A = new CampaignVariant("a", 1, Channel.SMS, null, "{{name}}, 20 off 100 this week", "7KQ2M9TX");
    private static final CampaignVariant B = new CampaignVariant("b", 1, Channel.EMAIL, "Spring sale", "New season, new prices", null);
    private static final Map<Channel, String> UNIT_COSTS = Map.of(Channel.SMS, "0.05", Channel.EMAIL, "0.01");

    private SagaTestFixture<CampaignDispatch> fixture;
    private FakeAudience audience;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(CampaignDispatch.class);
        audience = new FakeAudience(40);
        fixture.registerResource(audience);
        fixture.registerResource((ChannelCosts) (channel, currency) -> Money.of(UNIT_COSTS.getOrDefault(channel, "0"), currency));
    }

    /** Customers c01, c02, … in the segment: in id order, like the real audience. */
    static final class FakeAudience implements CampaignAudience {
        final NavigableSet<String> ids = new TreeSet<>();
        final List<String> askedAfter = new ArrayList<>();

        FakeAudience(int size) {
            IntStream.rangeClosed(1, size).forEach(i -> ids.add(customer(i)));
        }

        @Override
        public Page page(CampaignId campaign, List<String> segments, List<String> excluded, String after, int size) {
            assertThat(campaign).isEqualTo(ID);
            assertThat(segments).containsExactly("spring_buyers");
            assertThat(excluded).containsExactly("complained");
            askedAfter.add(after);
            NavigableSet<String> rest = after == null ? ids : ids.tailSet(after, false);
            List<CustomerId> page = rest.stream().limit(size).map(CustomerId::new).toList();
            boolean exhausted = page.isEmpty() || ids.higher(page.get(page.size() - 1).value()) == null;
            return new Page(page, exhausted);
        }
    }

    private static String customer(int i) {
        return String.format("c%02d", i);
    }

    private static CampaignPlan plan(List<CampaignVariant> variants, String budget, Instant ends, int perSecond) {
        return new CampaignPlan("Spring sale", CampaignGoal.REVENUE, STARTS, ends, Money.of(budget, "CNY"), List.of("spring_buyers"),
                List.of("complained"), variants, 0.2, SEND_AT, perSecond, 70, null, null);
    }

    private static final CampaignPlan PLAN = plan(List.of(A, B), "1000.00", ENDS, 5);

    /** Scheduled, started at its send time, first batch sent. */
    private ContinuedGivenState running(CampaignPlan plan) throws Exception {
        return fixture.givenCurrentTime(NOW)
                .andThenAPublished(new CampaignScheduledEvent(ID, plan, NOW))
                .andThenTimeAdvancesTo(SEND_AT)
                .andThenAPublished(new CampaignStartedEvent(ID, SEND_AT));
    }

    /** The commands the saga dispatched in the when phase, in order. */
    private List<Object> commands() {
        return ((RecordingCommandBus) fixture.getCommandBus()).getDispatchedCommands().stream()
                .map(CommandMessage::getPayload).map(Object.class::cast).toList();
    }

    private static DeliverMessageCommand deliver(CampaignPlan plan, String customer, CampaignVariant variant) {
        return new DeliverMessageCommand(new CustomerId(customer), new MessageRequest(new MessageId("campaign:spring-sale:" + customer),
                variant.channel(), variant.title(), variant.body(), variant.offerId(), null,
                new MessageSource("campaign", "spring-sale", 1, "spring-sale", variant.key(), variant.key()), plan.priority()));
    }

    /**
     * What batch {@code number} over customers {@code from}..{@code to} must dispatch: in customer order a
     * message or the holdout record, then the batch's record.
     */
    private static List<Object> batch(CampaignPlan plan, int number, int from, int to) {
        return batch(plan, plan.assignment(), number, from, to);
    }

    /** The same, with the arms of {@code assignment} (weights after a reallocation). */
    private static List<Object> batch(CampaignPlan plan, Assignment assignment, int number, int from, int to) {
        List<Object> commands = new ArrayList<>();
        Map<String, Integer> sent = new TreeMap<>();
        int held = 0;
        BigDecimal spent = BigDecimal.ZERO;
        for (int i = from; i <= to; i++) {
            String arm = assignment.armOf("spring-sale", customer(i));
            if (arm.equals(Assignment.HOLDOUT)) {
                commands.add(new RecordCampaignHoldoutCommand(new CustomerId(customer(i)), ID));
                held++;
                continue;
            }
            CampaignVariant variant = plan.variant(arm);
            commands.add(deliver(plan, customer(i), variant));
            sent.merge(arm, 1, Integer::sum);
            spent = spent.add(new BigDecimal(UNIT_COSTS.get(variant.channel())));
        }
        commands.add(new RecordCampaignBatchCommand(ID, number, customer(to), sent, held, new Money(spent, "CNY")));
        return commands;
    }

    private static List<Object> concat(List<?>... parts) {
        List<Object> all = new ArrayList<>();
        for (List<?> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static org.hamcrest.Matcher<? super org.axonframework.deadline.DeadlineMessage<?>> named(String name) {
        return (org.hamcrest.Matcher<? super org.axonframework.deadline.DeadlineMessage<?>>) (org.hamcrest.Matcher<?>)
                hasProperty("deadlineName", equalTo(name));
    }

    // --- start ----------------------------------------------------------------------------------------

    @Test
    void scheduling_books_the_start_at_send_time_and_the_end_of_the_period() {
        fixture.givenCurrentTime(NOW)
                .whenPublishingA(new CampaignScheduledEvent(ID, PLAN, NOW))
                .expectActiveSagas(1)
                .expectAssociationWith("campaignId", ID)
                .expectScheduledDeadlineWithName(SEND_AT, CampaignDispatch.START)
                .expectScheduledDeadlineWithName(ENDS, CampaignDispatch.PERIOD_END)
                .expectNoDispatchedCommands();
    }

    @Test
    void nothing_happens_before_the_send_time() {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(new CampaignScheduledEvent(ID, PLAN, NOW))
                .whenTimeAdvancesTo(SEND_AT.minusMillis(1))
                .expectNoDispatchedCommands();
    }

    @Test
    void at_the_send_time_the_campaign_is_started() {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(new CampaignScheduledEvent(ID, PLAN, NOW))
                .whenTimeAdvancesTo(SEND_AT)
                .expectDispatchedCommands(new StartCampaignCommand(ID));
    }

    @Test
    void the_first_batch_of_messages_per_second_goes_out_when_the_campaign_starts() throws Exception {
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(new CampaignScheduledEvent(ID, PLAN, NOW))
                .andThenTimeAdvancesTo(SEND_AT)
                .whenPublishingA(new CampaignStartedEvent(ID, SEND_AT))
                .expectScheduledDeadlineWithName(SEND_AT.plusSeconds(1), CampaignDispatch.NEXT_BATCH);
        assertThat(commands()).containsExactlyElementsOf(batch(PLAN, 1, 1, 5));
        assertThat(audience.askedAfter).containsExactly((String) null);
    }

    // --- throttle, holdout, ids -----------------------------------------------------------------------

    @Test
    void batches_go_out_one_second_apart_each_after_the_last_customer_of_the_one_before() throws Exception {
        running(PLAN).whenTimeElapses(Duration.ofSeconds(2))
                .expectScheduledDeadlineWithName(SEND_AT.plusSeconds(3), CampaignDispatch.NEXT_BATCH);
        assertThat(commands()).containsExactlyElementsOf(concat(batch(PLAN, 2, 6, 10), batch(PLAN, 3, 11, 15)));
        assertThat(audience.askedAfter).containsExactly(null, "c05", "c10");
    }

    @Test
    void no_second_batch_within_the_same_second() throws Exception {
        running(PLAN).whenTimeElapses(Duration.ofMillis(999))
                .expectNoDispatchedCommands();
    }

    @Test
    void holdout_customers_get_no_message_and_are_counted() throws Exception {
        CampaignPlan all = plan(List.of(A, B), "1000.00", ENDS, 40);
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(new CampaignScheduledEvent(ID, all, NOW))
                .andThenTimeAdvancesTo(SEND_AT)
                .whenPublishingA(new CampaignStartedEvent(ID, SEND_AT));
        List<String> heldOut = IntStream.rangeClosed(1, 40).mapToObj(CampaignDispatchTest::customer)
                .filter(c -> Assignment.arm("spring-sale", c, 0.2, List.of(new Assignment.Arm("a", 1), new Assignment.Arm("b", 1)))
                        .equals(Assignment.HOLDOUT))
                .toList();
        assertThat(heldOut).as("the test audience has a holdout to skip").hasSizeBetween(4, 14);
        List<String> messaged = commands().stream().filter(DeliverMessageCommand.class::isInstance)
                .map(c -> ((DeliverMessageCommand) c).customerId().value()).toList();
        assertThat(messaged).hasSize(40 - heldOut.size()).doesNotContainAnyElementsOf(heldOut).doesNotHaveDuplicates();
        assertThat(commands().stream().filter(RecordCampaignHoldoutCommand.class::isInstance).map(RecordCampaignHoldoutCommand.class::cast))
                .as("each held-out customer is told, so their history shows why they got nothing")
                .allSatisfy(c -> assertThat(c.campaignId()).isEqualTo(ID))
                .extracting(c -> c.customerId().value()).containsExactlyElementsOf(heldOut);
        RecordCampaignBatchCommand record = commands().stream().filter(RecordCampaignBatchCommand.class::isInstance)
                .map(RecordCampaignBatchCommand.class::cast).findFirst().orElseThrow();
        assertThat(record.heldOut()).isEqualTo(heldOut.size());
        assertThat(record.sent()).isEqualTo(messaged.size());
    }

    @Test
    void each_message_has_an_id_made_of_campaign_and_customer_and_says_where_it_comes_from() throws Exception {
        running(PLAN).whenTimeElapses(Duration.ofSeconds(1));
        // c06 is in arm a, c08 in the holdout, c09 in arm b (pinned by AssignmentTest's hash)
        MessageRequest c06 = commands().stream().filter(DeliverMessageCommand.class::isInstance).map(DeliverMessageCommand.class::cast)
                .filter(c -> c.customerId().value().equals("c06")).findFirst().orElseThrow().request();
        assertThat(c06).isEqualTo(new MessageRequest(MessageId.of("campaign:spring-sale:c06"), Channel.SMS, null,
                "{{name}}, 20 off 100 this week", "7KQ2M9TX", null, new MessageSource("campaign", "spring-sale", 1, "spring-sale", "a", "a"), 70));
        assertThat(commands()).noneMatch(c -> c instanceof DeliverMessageCommand d && d.customerId().value().equals("c08"));
        assertThat(commands()).anyMatch(c -> c instanceof DeliverMessageCommand d && d.request().equals(new MessageRequest(
                MessageId.of("campaign:spring-sale:c09"), Channel.EMAIL, "Spring sale", "New season, new prices", null, null,
                new MessageSource("campaign", "spring-sale", 1, "spring-sale", "b", "b"), 70)));
    }

    // --- pause and resume -----------------------------------------------------------------------------

    private ContinuedGivenState pausedAfterTwoBatches(Instant pausedAt) throws Exception {
        return running(PLAN)
                .andThenTimeElapses(Duration.ofSeconds(1))
                .andThenTimeAdvancesTo(pausedAt)
                .andThenAPublished(new CampaignPausedEvent(ID, pausedAt));
    }

    @Test
    void a_pause_stops_the_batches() throws Exception {
        pausedAfterTwoBatches(SEND_AT.plusMillis(1500))
                .whenTimeElapses(Duration.ofMinutes(10))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlineMatching(named(CampaignDispatch.NEXT_BATCH));
    }

    @Test
    void resume_continues_after_the_last_customer_without_repeating_anyone() throws Exception {
        Instant resumedAt = SEND_AT.plusMillis(1500).plus(Duration.ofMinutes(10));
        pausedAfterTwoBatches(SEND_AT.plusMillis(1500))
                .andThenTimeAdvancesTo(resumedAt)
                .whenPublishingA(new CampaignResumedEvent(ID, resumedAt))
                .expectScheduledDeadlineWithName(resumedAt.plusSeconds(1), CampaignDispatch.NEXT_BATCH);
        assertThat(commands()).containsExactlyElementsOf(batch(PLAN, 3, 11, 15));
        assertThat(audience.askedAfter).containsExactly(null, "c05", "c10");
    }

    @Test
    void a_quick_resume_still_waits_for_the_next_second_of_the_throttle() throws Exception {
        Instant resumedAt = SEND_AT.plusMillis(1700);
        pausedAfterTwoBatches(SEND_AT.plusMillis(1500))
                .andThenTimeAdvancesTo(resumedAt)
                .whenPublishingA(new CampaignResumedEvent(ID, resumedAt))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(SEND_AT.plusSeconds(2), CampaignDispatch.NEXT_BATCH);
    }

    // --- stopping -------------------------------------------------------------------------------------

    @Test
    void the_budget_stops_the_dispatch_after_the_messages_that_fit() throws Exception {
        // SMS only at 0.05: batch 1 sends five (0.25 of 0.40); batch 2 fits three more, c08 held out costs nothing
        CampaignPlan smsOnly = plan(List.of(A), "0.40", ENDS, 5);
        running(smsOnly).whenTimeElapses(Duration.ofSeconds(10))
                .expectNoScheduledDeadlineMatching(named(CampaignDispatch.NEXT_BATCH));
        assertThat(commands()).containsExactly(
                deliver(smsOnly, "c06", A), deliver(smsOnly, "c07", A),
                new RecordCampaignHoldoutCommand(new CustomerId("c08"), ID), deliver(smsOnly, "c09", A),
                new RecordCampaignBatchCommand(ID, 2, "c09", Map.of("a", 3), 1, Money.of("0.15", "CNY")),
                new CompleteCampaignCommand(ID, "budget spent"));
    }

    @Test
    void a_budget_spent_exactly_completes_without_waiting_for_another_batch() throws Exception {
        CampaignPlan smsOnly = plan(List.of(A), "0.25", ENDS, 5);
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(new CampaignScheduledEvent(ID, smsOnly, NOW))
                .andThenTimeAdvancesTo(SEND_AT)
                .whenPublishingA(new CampaignStartedEvent(ID, SEND_AT))
                .expectNoScheduledDeadlineMatching(named(CampaignDispatch.NEXT_BATCH));
        assertThat(commands()).containsExactlyElementsOf(concat(batch(smsOnly, 1, 1, 5),
                List.of(new CompleteCampaignCommand(ID, "budget spent"))));
    }

    @Test
    void the_end_of_the_period_completes_the_campaign() throws Exception {
        CampaignPlan short3s = plan(List.of(A, B), "1000.00", SEND_AT.plusSeconds(3), 5);
        running(short3s).whenTimeAdvancesTo(SEND_AT.plusSeconds(60))
                .expectNoScheduledDeadlines();
        // batches at +1 s and +2 s; +3 s is the end of the period, not a batch
        assertThat(commands()).containsExactlyElementsOf(concat(batch(short3s, 2, 6, 10), batch(short3s, 3, 11, 15),
                List.of(new CompleteCampaignCommand(ID, "period ended"))));
    }

    @Test
    void a_paused_campaign_is_completed_at_the_end_of_its_period() throws Exception {
        pausedAfterTwoBatches(SEND_AT.plusMillis(1500))
                .whenTimeAdvancesTo(ENDS)
                .expectDispatchedCommands(new CompleteCampaignCommand(ID, "period ended"));
    }

    @Test
    void an_exhausted_audience_completes_the_campaign() throws Exception {
        audience.ids.removeIf(id -> id.compareTo("c12") > 0);
        running(PLAN).whenTimeElapses(Duration.ofSeconds(10))
                .expectNoScheduledDeadlineMatching(named(CampaignDispatch.NEXT_BATCH));
        assertThat(commands()).containsExactlyElementsOf(concat(batch(PLAN, 2, 6, 10), batch(PLAN, 3, 11, 12),
                List.of(new CompleteCampaignCommand(ID, "audience exhausted"))));
    }

    @Test
    void an_empty_audience_completes_at_once_without_a_batch() throws Exception {
        audience.ids.clear();
        fixture.givenCurrentTime(NOW)
                .andThenAPublished(new CampaignScheduledEvent(ID, PLAN, NOW))
                .andThenTimeAdvancesTo(SEND_AT)
                .whenPublishingA(new CampaignStartedEvent(ID, SEND_AT))
                .expectDispatchedCommands(new CompleteCampaignCommand(ID, "audience exhausted"));
    }

    @Test
    void completion_cancels_every_deadline_and_ends_the_dispatch() throws Exception {
        running(PLAN)
                .whenPublishingA(new CampaignCompletedEvent(ID, "stopped by marketer", SEND_AT))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    // --- traffic allocation (ADR 0022) ------------------------------------------------------------------

    private static CampaignPlan allocated(CampaignAllocation allocation) {
        return new CampaignPlan("Spring sale", CampaignGoal.REVENUE, STARTS, ENDS, Money.of("1000.00", "CNY"), List.of("spring_buyers"),
                List.of("complained"), List.of(A, B), 0.2, SEND_AT, 10, 70, allocation, null);
    }

    private static List<String> held(List<Object> commands) {
        return commands.stream().filter(RecordCampaignHoldoutCommand.class::isInstance)
                .map(c -> ((RecordCampaignHoldoutCommand) c).customerId().value()).toList();
    }

    private static Map<String, Long> armsOf(List<Object> commands) {
        return commands.stream().filter(DeliverMessageCommand.class::isInstance).map(DeliverMessageCommand.class::cast)
                .collect(java.util.stream.Collectors.groupingBy(c -> c.request().source().arm(), TreeMap::new,
                        java.util.stream.Collectors.counting()));
    }

    @Test
    void after_a_winner_is_declared_every_new_treated_customer_gets_it_and_the_holdout_is_unchanged() throws Exception {
        CampaignPlan auto = allocated(CampaignAllocation.AUTO_WINNER);
        running(auto)
                .andThenAPublished(new CampaignWinnerDeclaredEvent(ID, 1, "b", "holdout", 0.001, 0.025, List.of(), SEND_AT.plusMillis(400)))
                .whenTimeElapses(Duration.ofSeconds(2));
        List<Object> commands = commands();
        Assignment winnerOnly = new Assignment(0.2, List.of(new Assignment.Arm("b", 1)));
        assertThat(commands).containsExactlyElementsOf(concat(batch(auto, winnerOnly, 2, 11, 20), batch(auto, winnerOnly, 3, 21, 30)));
        assertThat(armsOf(commands)).as("only the winner").containsOnlyKeys("b");
        List<String> heldUnderPlan = IntStream.rangeClosed(11, 30).mapToObj(CampaignDispatchTest::customer)
                .filter(c -> auto.assignment().armOf("spring-sale", c).equals(Assignment.HOLDOUT)).toList();
        assertThat(heldUnderPlan).as("the test audience has a holdout to keep").isNotEmpty();
        assertThat(held(commands)).as("the same customers are held out as under the plan's weights").isEqualTo(heldUnderPlan);
    }

    @Test
    void before_a_winner_the_plan_weights_hold() throws Exception {
        CampaignPlan auto = allocated(CampaignAllocation.AUTO_WINNER);
        running(auto).whenTimeElapses(Duration.ofSeconds(1));
        assertThat(commands()).containsExactlyElementsOf(batch(auto, 2, 11, 20));
        assertThat(armsOf(commands())).containsOnlyKeys("a", "b");
    }

    @Test
    void customers_decided_before_the_winner_keep_their_arm() throws Exception {
        CampaignPlan auto = allocated(CampaignAllocation.AUTO_WINNER);
        // the winner, declared after batch 2, is not applied to anyone decided before it: the next batch starts after c20
        running(auto).andThenTimeElapses(Duration.ofSeconds(1))
                .andThenAPublished(new CampaignWinnerDeclaredEvent(ID, 1, "a", "holdout", 0.001, 0.025, List.of(), SEND_AT.plusSeconds(1)))
                .whenTimeElapses(Duration.ofSeconds(1));
        assertThat(commands()).containsExactlyElementsOf(batch(auto, new Assignment(0.2, List.of(new Assignment.Arm("a", 1))), 3, 21, 30));
    }

    @Test
    void a_thompson_reallocation_sets_the_weights_of_the_batches_that_follow_and_an_older_version_changes_nothing() throws Exception {
        CampaignPlan thompson = allocated(CampaignAllocation.THOMPSON);
        Map<String, Integer> shifted = new java.util.LinkedHashMap<>(Map.of("a", 50, "b", 950));
        running(thompson)
                .andThenAPublished(new CampaignTrafficReallocatedEvent(ID, 2, shifted, "thompson shares", List.of(), SEND_AT.plusMillis(300)))
                .andThenAPublished(new CampaignTrafficReallocatedEvent(ID, 1, Map.of("a", 500, "b", 500), "thompson shares", List.of(),
                        SEND_AT.plusMillis(200)))
                .whenTimeElapses(Duration.ofSeconds(3));
        List<Object> commands = commands();
        Assignment weighted = thompson.assignment(shifted);
        assertThat(commands).containsExactlyElementsOf(concat(batch(thompson, weighted, 2, 11, 20), batch(thompson, weighted, 3, 21, 30),
                batch(thompson, weighted, 4, 31, 40), List.of(new CompleteCampaignCommand(ID, "audience exhausted"))));
        assertThat(armsOf(commands).get("b")).as("most new customers to b").isGreaterThan(armsOf(commands).getOrDefault("a", 0L));
        List<String> heldUnderPlan = IntStream.rangeClosed(11, 40).mapToObj(CampaignDispatchTest::customer)
                .filter(c -> thompson.assignment().armOf("spring-sale", c).equals(Assignment.HOLDOUT)).toList();
        assertThat(held(commands)).isEqualTo(heldUnderPlan);
    }

    @Test
    void a_reallocation_leaving_a_variant_at_zero_sends_it_nobody() throws Exception {
        CampaignPlan thompson = allocated(CampaignAllocation.THOMPSON);
        running(thompson)
                .andThenAPublished(new CampaignTrafficReallocatedEvent(ID, 1, Map.of("a", 0, "b", 10), "thompson shares", List.of(),
                        SEND_AT.plusMillis(300)))
                .whenTimeElapses(Duration.ofSeconds(1));
        assertThat(armsOf(commands())).containsOnlyKeys("b");
    }
}
