package com.retailpulse.sagas.journey;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.EndJourneyEnrollmentCommand;
import com.retailpulse.contracts.customer.JourneyEnrolledEvent;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.ProductViewedEvent;
import com.retailpulse.contracts.customer.TagCustomerCommand;
import com.retailpulse.contracts.journey.EventSpec;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.JourneyRetiredEvent;
import com.retailpulse.contracts.journey.JourneyStepsRunEvent;
import com.retailpulse.contracts.journey.JourneyWebhookRequestedEvent;
import com.retailpulse.contracts.journey.Reentry;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.contracts.offer.CouponCode;
import com.retailpulse.contracts.offer.CouponIssuance;
import com.retailpulse.contracts.offer.IssueCouponCommand;
import com.retailpulse.contracts.offer.OfferId;
import com.retailpulse.contracts.tag.TagCondition;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed journeys of docs/journeys.md, step by step, with time elapsing in the fixture. */
class JourneyRunTest {

    private static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
    private static final CustomerId ANN = new CustomerId("ann");
    private static final OfferId FIVE_OFF = new OfferId("5XFF7K2M");
    private static final CouponCode CODE = CouponCode.of(FIVE_OFF, "AAAAAAAAAA");
    private static final JourneyKey LOGIN = new JourneyKey("login-recommendation");
    private static final String ENROLLMENT = "e-1";

    private SagaTestFixture<JourneyRun> fixture;
    private final Map<String, JourneyGraph> graphs = new HashMap<>();
    private final List<String> matchedConditions = new ArrayList<>();
    private boolean profileMatches;

    /** (a) login → recommendation → no order in 30 minutes → 5-off voucher, with the code in the message. */
    private static JourneyGraph loginRecommendation() {
        return new JourneyGraph("Login: recommend, then a voucher", new Trigger.OnEvent(EventSpec.of("login")), "recommend", List.of(
                new JourneyNode.SendMessage("recommend", Channel.APP_PUSH, "Picked for you",
                        "{{#recommendations}}{{name}} {{/recommendations}}", null, "wait-order"),
                new JourneyNode.WaitForEvent("wait-order", EventSpec.of("order"), Duration.ofMinutes(30), "done", "coupon"),
                new JourneyNode.IssueCoupon("coupon", FIVE_OFF.value(), "tell"),
                new JourneyNode.SendMessage("tell", Channel.APP_PUSH, null, "5 off, no minimum: {{coupon.code}}", null, "done"),
                new JourneyNode.Exit("done")), null, Reentry.afterCooldown(Duration.ofDays(7)), 30);
    }

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(JourneyRun.class);
        fixture.registerResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerResource(new JourneyContext() {
            @Override
            public Optional<JourneyGraph> graph(JourneyKey journey, int version) {
                return Optional.ofNullable(graphs.get(journey + "@" + version));
            }

            @Override
            public boolean matches(CustomerId customer, TagCondition condition) {
                matchedConditions.add(customer.value());
                return profileMatches;
            }

            @Override
            public ZoneId zoneOf(CustomerId customer) {
                return ZoneId.of("Asia/Shanghai");
            }
        });
        fixture.setCallbackBehavior((payload, metadata) -> payload instanceof IssueCouponCommand issue
                ? new CouponIssuance.Issued(CODE, issue.customerId(), issue.issuanceId(), NOW.plus(Duration.ofDays(7)), false)
                : null);
        graphs.put(LOGIN + "@1", loginRecommendation());
    }

    private static JourneyEnrolledEvent enrolled(JourneyKey journey) {
        return new JourneyEnrolledEvent(ANN, journey, 1, ENROLLMENT, "login", NOW);
    }

    private static DeliverMessageCommand message(JourneyKey journey, String step, Channel channel, String title, String body,
                                                 String offerId, String coupon, String arm, int priority) {
        return new DeliverMessageCommand(ANN, new MessageRequest(new MessageId("journey:" + ENROLLMENT + ":" + step), channel, title, body,
                offerId, coupon, new MessageSource(MessageSource.JOURNEY, journey.value(), 1, ENROLLMENT, step, arm), priority));
    }

    private static EndJourneyEnrollmentCommand ended(JourneyKey journey, String outcome, Instant at) {
        return new EndJourneyEnrollmentCommand(ANN, journey, ENROLLMENT, outcome, at);
    }

    private static OrderPlacedEvent order() {
        return new OrderPlacedEvent(ANN, "o-1", NOW.plus(Duration.ofMinutes(10)), "CNY",
                List.of(new OrderLine("sku-1", "Tea", 1, BigDecimal.TEN)), BigDecimal.TEN, "app", null);
    }

    @Test
    void a_login_sends_the_recommendation_at_once_and_waits_thirty_minutes_for_an_order() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ANN.value()).publishes(enrolled(LOGIN))
                .expectActiveSagas(1)
                .expectDispatchedCommands(message(LOGIN, "recommend", Channel.APP_PUSH, "Picked for you",
                        "{{#recommendations}}{{name}} {{/recommendations}}", null, null, null, 30))
                .expectScheduledDeadlineWithName(Duration.ofMinutes(30), JourneyRun.WAIT);
    }

    @Test
    void no_order_within_thirty_minutes_issues_the_voucher_and_sends_its_code() {
        fixture.givenAggregate(ANN.value()).published(enrolled(LOGIN))
                .whenTimeElapses(Duration.ofMinutes(30))
                .expectDispatchedCommands(
                        new IssueCouponCommand(FIVE_OFF, "journey:" + ENROLLMENT + ":coupon", ANN),
                        message(LOGIN, "tell", Channel.APP_PUSH, null, "5 off, no minimum: {{coupon.code}}", FIVE_OFF.value(),
                                CODE.value(), null, 30),
                        ended(LOGIN, "completed", NOW))
                .expectActiveSagas(0);
    }

    @Test
    void an_order_within_thirty_minutes_ends_the_run_without_a_voucher() {
        fixture.givenAggregate(ANN.value()).published(enrolled(LOGIN))
                .whenAggregate(ANN.value()).publishes(order())
                .expectDispatchedCommands(ended(LOGIN, "completed", NOW))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void another_customers_order_changes_nothing() {
        fixture.givenAggregate(ANN.value()).published(enrolled(LOGIN))
                .whenAggregate("bob").publishes(new OrderPlacedEvent(new CustomerId("bob"), "o-9", NOW, "CNY", List.of(), BigDecimal.ONE, "app", null))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void a_coupon_the_offer_refuses_ends_the_run_instead_of_sending_an_empty_code() {
        fixture.setCallbackBehavior((payload, metadata) -> payload instanceof IssueCouponCommand
                ? new CouponIssuance.Refused(CouponIssuance.Reason.OUT_OF_STOCK, "0 left") : null);
        fixture.givenAggregate(ANN.value()).published(enrolled(LOGIN))
                .whenTimeElapses(Duration.ofMinutes(30))
                .expectDispatchedCommands(new IssueCouponCommand(FIVE_OFF, "journey:" + ENROLLMENT + ":coupon", ANN),
                        ended(LOGIN, "coupon refused at coupon: OUT_OF_STOCK (0 left)", NOW))
                .expectActiveSagas(0);
    }

    @Test
    void the_goal_ends_the_run_wherever_it_is() {
        JourneyKey stroller = new JourneyKey("stroller-car-seat");
        graphs.put(stroller + "@1", new JourneyGraph("Stroller viewers: car seat", new Trigger.OnEvent(
                new EventSpec("product-view", Map.of("category", "stroller"))), "wait", List.of(
                new JourneyNode.Wait("wait", Duration.ofHours(2), null, "push"),
                new JourneyNode.SendMessage("push", Channel.APP_PUSH, null, "A car seat to go with it", null, "done"),
                new JourneyNode.Exit("done")), new EventSpec("order", Map.of()), Reentry.never(), 40));
        fixture.givenAggregate(ANN.value()).published(enrolled(stroller))
                .whenAggregate(ANN.value()).publishes(order())
                .expectDispatchedCommands(ended(stroller, "goal", NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_wait_until_nine_waits_for_nine_in_the_customers_zone() {
        JourneyKey morning = new JourneyKey("morning");
        graphs.put(morning + "@1", new JourneyGraph("Morning", new Trigger.OnEvent(EventSpec.of("login")), "wait", List.of(
                new JourneyNode.Wait("wait", null, LocalTime.of(9, 0), "done"), new JourneyNode.Exit("done")), null, Reentry.never(), 0));
        // 06:00Z is 14:00 in Shanghai: the next 09:00 there is 01:00Z tomorrow, 19 hours on.
        fixture.givenNoPriorActivity()
                .whenAggregate(ANN.value()).publishes(enrolled(morning))
                .expectScheduledDeadlineWithName(Duration.ofHours(19), JourneyRun.WAIT);
    }

    @Test
    void a_condition_on_the_profile_picks_the_branch_and_a_tag_step_tags_the_customer() {
        JourneyKey vip = new JourneyKey("vip");
        graphs.put(vip + "@1", new JourneyGraph("VIP", new Trigger.OnEvent(EventSpec.of("login")), "is-vip", List.of(
                new JourneyNode.Condition("is-vip", new TagCondition.Field("value.tier", TagCondition.Op.eq, "high_value"), "tag", "done"),
                new JourneyNode.SetTag("tag", "vip-seen", "done"),
                new JourneyNode.Exit("done")), null, Reentry.never(), 0));
        profileMatches = true;
        fixture.givenNoPriorActivity()
                .whenAggregate(ANN.value()).publishes(enrolled(vip))
                .expectDispatchedCommands(new TagCustomerCommand(ANN, "vip-seen", "journey:vip", NOW), ended(vip, "completed", NOW));
        assertThat(matchedConditions).containsExactly("ann");
    }

    @Test
    void a_split_sends_each_customer_down_one_branch_and_labels_its_messages_with_the_arm() {
        JourneyKey ab = new JourneyKey("ab");
        graphs.put(ab + "@1", new JourneyGraph("AB", new Trigger.OnEvent(EventSpec.of("login")), "split", List.of(
                new JourneyNode.Split("split", List.of(new JourneyNode.Branch("a", 1, "send-a"), new JourneyNode.Branch("b", 1, "send-b"))),
                new JourneyNode.SendMessage("send-a", Channel.INBOX, null, "A", null, "done"),
                new JourneyNode.SendMessage("send-b", Channel.INBOX, null, "B", null, "done"),
                new JourneyNode.Exit("done")), null, Reentry.never(), 0));
        String arm = JourneySplits.branch(ab, (JourneyNode.Split) graphs.get(ab + "@1").nodes().get(0), ANN).key();
        String step = "send-" + arm;
        fixture.givenNoPriorActivity()
                .whenAggregate(ANN.value()).publishes(enrolled(ab))
                .expectDispatchedCommands(message(ab, step, Channel.INBOX, null, arm.toUpperCase(), null, null, arm, 0),
                        ended(ab, "completed", NOW));
    }

    @Test
    void branches_split_customers_by_their_weights() {
        JourneyNode.Split split = new JourneyNode.Split("split", List.of(new JourneyNode.Branch("a", 3, "x"), new JourneyNode.Branch("b", 1, "x")));
        long a = java.util.stream.IntStream.range(0, 20_000)
                .filter(i -> JourneySplits.branch(LOGIN, split, new CustomerId("c" + i)).key().equals("a")).count();
        assertThat(a / 20_000.0).isBetween(0.74, 0.76);
    }

    @Test
    void retiring_the_journey_takes_customers_in_flight_out() {
        fixture.givenAggregate(ANN.value()).published(enrolled(LOGIN))
                .whenPublishingA(new JourneyRetiredEvent(LOGIN, NOW))
                .expectDispatchedCommands(ended(LOGIN, "retired", NOW))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void a_product_view_is_only_listened_to_while_waiting_for_one() {
        fixture.givenAggregate(ANN.value()).published(enrolled(LOGIN))
                .whenAggregate(ANN.value()).publishes(new ProductViewedEvent(ANN, "v-1", NOW, "app", ProductRef.sku("sku-1")))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void a_webhook_step_asks_for_the_call_and_goes_on_at_once_without_sending_a_command() {
        JourneyKey hook = new JourneyKey("hook");
        graphs.put(hook + "@1", new JourneyGraph("Hook", new Trigger.OnEvent(EventSpec.of("login")), "tell-crm", List.of(
                new JourneyNode.CallWebhook("tell-crm", "crm", List.of("member.tier"), "wait"),
                new JourneyNode.Wait("wait", Duration.ofHours(1), null, "done"),
                new JourneyNode.Exit("done")), null, Reentry.never(), 0));
        fixture.givenNoPriorActivity()
                .whenAggregate(ANN.value()).publishes(enrolled(hook))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofHours(1), JourneyRun.WAIT)
                .expectPublishedEvents(
                        new JourneyWebhookRequestedEvent("journey:" + ENROLLMENT + ":tell-crm:0", ANN, hook, 1, ENROLLMENT, "tell-crm", "crm",
                                List.of("member.tier"), "login", NOW, NOW),
                        new JourneyStepsRunEvent(ANN, hook, 1, ENROLLMENT, List.of("tell-crm", "wait"), Map.of(), "wait", 1, NOW));
    }

    @Test
    void each_move_of_a_run_publishes_the_steps_it_went_through_the_arm_and_where_it_waits() {
        JourneyKey ab = new JourneyKey("ab-wait");
        graphs.put(ab + "@1", new JourneyGraph("AB", new Trigger.OnEvent(EventSpec.of("login")), "split", List.of(
                new JourneyNode.Split("split", List.of(new JourneyNode.Branch("a", 1, "wait"), new JourneyNode.Branch("b", 1, "wait"))),
                new JourneyNode.WaitForEvent("wait", EventSpec.of("order"), Duration.ofMinutes(30), "done", "done"),
                new JourneyNode.Exit("done")), null, Reentry.never(), 0));
        String arm = JourneySplits.branch(ab, (JourneyNode.Split) graphs.get(ab + "@1").nodes().get(0), ANN).key();
        fixture.givenNoPriorActivity()
                .whenAggregate(ANN.value()).publishes(enrolled(ab))
                .expectPublishedEvents(new JourneyStepsRunEvent(ANN, ab, 1, ENROLLMENT, List.of("split", "wait"), Map.of("split", arm),
                        "wait", 1, NOW));
    }

    @Test
    void a_run_that_moves_on_from_a_wait_publishes_the_steps_after_it_and_no_wait_when_it_ended() {
        JourneyKey ab = new JourneyKey("ab-wait");
        graphs.put(ab + "@1", new JourneyGraph("AB", new Trigger.OnEvent(EventSpec.of("login")), "split", List.of(
                new JourneyNode.Split("split", List.of(new JourneyNode.Branch("a", 1, "wait"), new JourneyNode.Branch("b", 1, "wait"))),
                new JourneyNode.WaitForEvent("wait", EventSpec.of("order"), Duration.ofMinutes(30), "done", "done"),
                new JourneyNode.Exit("done")), null, Reentry.never(), 0));
        fixture.givenAggregate(ANN.value()).published(enrolled(ab))
                .whenAggregate(ANN.value()).publishes(order())
                .expectPublishedEvents(new JourneyStepsRunEvent(ANN, ab, 1, ENROLLMENT, List.of("done"), Map.of(), null, 1, NOW))
                .expectDispatchedCommands(ended(ab, "completed", NOW));
    }
}
