package com.retailpulse.sagas.journey;

import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentGivenEvent;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.LoggedInEvent;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.SegmentEnteredEvent;
import com.retailpulse.contracts.customer.SegmentLeftEvent;
import com.retailpulse.contracts.journey.EventSpec;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.Reentry;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.contracts.offer.OfferTerms;
import com.retailpulse.contracts.offer.Reward;
import com.retailpulse.contracts.tag.TagCondition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The backtest of "a voucher 30 minutes after a login unless they ordered" over a week of hand-made history,
 * every figure worked out by hand in the comments.
 */
class JourneyBacktestTest {

    private static final Instant FROM = Instant.parse("2011-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2011-11-08T00:00:00Z");
    private static final JourneyKey JOURNEY = new JourneyKey("login-voucher");
    private static final String OFFER = "five-off";
    private static final OfferTerms FIVE_OFF = new OfferTerms("5 off", null, "GBP", new Reward.Voucher(new BigDecimal("5")), 100, 1,
            Instant.parse("2011-10-01T00:00:00Z"), Instant.parse("2011-12-31T00:00:00Z"));
    /** Daily 3, weekly 10, app push 2 a day; quiet 21:00–09:00 UTC for app push; a day of priority. */
    private static final JourneyBacktest.Limits LIMITS = new JourneyBacktest.Limits(3, 10, Map.of(Channel.APP_PUSH, 2), Map.of(),
            Duration.ofDays(1), (channel, at, zone) -> {
                if (channel != Channel.APP_PUSH) {
                    return null;
                }
                LocalTime t = at.atZone(zone).toLocalTime();
                if (t.isBefore(LocalTime.of(9, 0))) {
                    return at.atZone(zone).with(LocalTime.of(9, 0)).toInstant();
                }
                return t.isBefore(LocalTime.of(21, 0)) ? null : at.atZone(zone).plusDays(1).with(LocalTime.of(9, 0)).toInstant();
            });

    private final CustomerId a = new CustomerId("a");
    private final CustomerId b = new CustomerId("b");
    private final CustomerId c = new CustomerId("c");
    private final CustomerId d = new CustomerId("d");
    private final CustomerId e = new CustomerId("e");
    private final CustomerId f = new CustomerId("f");
    private final List<CustomerEvent> history = new ArrayList<>();
    private long interactions;

    private static JourneyGraph loginVoucher() {
        return new JourneyGraph("Login: recommend, then a voucher", new Trigger.OnEvent(EventSpec.of("login")), "recommend", List.of(
                new JourneyNode.SendMessage("recommend", Channel.APP_PUSH, "Picked for you", "New in", null, "wait-order"),
                new JourneyNode.WaitForEvent("wait-order", EventSpec.of("order"), Duration.ofMinutes(30), "done", "coupon"),
                new JourneyNode.IssueCoupon("coupon", OFFER, "tell"),
                new JourneyNode.SendMessage("tell", Channel.APP_PUSH, null, "5 off: {{coupon.code}}", null, "done"),
                new JourneyNode.Exit("done")), null, Reentry.afterCooldown(Duration.ofDays(7)), 30);
    }

    private void reachable(CustomerId id, boolean consent) {
        history.add(new CustomerCreatedEvent(id, new CustomerIdentifier(IdentifierType.DEVICE, "device-" + id.value()),
                Instant.parse("2011-09-01T00:00:00Z")));
        if (consent) {
            history.add(new ConsentGivenEvent(id, ConsentChannel.APP_PUSH, ConsentPurpose.MARKETING, Instant.parse("2011-09-01T00:00:00Z"), "app"));
        }
    }

    private void login(CustomerId id, String at) {
        history.add(new LoggedInEvent(id, "login-" + (++interactions), Instant.parse(at), "app"));
    }

    private void order(CustomerId id, String at, String amount) {
        history.add(new OrderPlacedEvent(id, "order-" + (++interactions), Instant.parse(at), "GBP",
                List.of(new OrderLine("sku-1", "Cake stand", 1, new BigDecimal(amount))), new BigDecimal(amount), "app", null));
    }

    private void realPush(CustomerId id, String at) {
        history.add(new MessageAcceptedEvent(id, new MessageRequest(new MessageId("campaign-" + (++interactions)), Channel.APP_PUSH, "Sale",
                "Sale", null, null, new MessageSource(MessageSource.CAMPAIGN, "autumn", 1, "d1", "a", null), 50), null, Instant.parse(at)));
    }

    /** The week: A orders within the half hour; B does not and orders two days later; C gave no consent; D logs in at night; E already had two pushes that day. */
    private void aWeekOfHistory() {
        for (CustomerId id : List.of(a, b, d, e, f)) {
            reachable(id, true);
        }
        reachable(c, false);
        login(f, "2011-10-31T10:00:00Z");          // before the period: no enrollment
        login(a, "2011-11-01T10:00:00Z");          // push 10:00, then the order at 10:10 leaves the wait
        order(a, "2011-11-01T10:10:00Z", "20.00");
        login(b, "2011-11-01T12:00:00Z");          // push 12:00; no order by 12:30: voucher + push 12:30
        order(b, "2011-11-03T12:00:00Z", "30.00"); // follows both pushes; the voucher would take 5 off
        login(c, "2011-11-01T14:00:00Z");          // both pushes silenced (no consent); the voucher still issued
        login(d, "2011-11-01T22:00:00Z");          // quiet hours: both pushes held back to 09:00, sent then (2 of 2 a day)
        realPush(e, "2011-11-01T08:00:00Z");
        realPush(e, "2011-11-01T08:30:00Z");
        login(e, "2011-11-01T11:00:00Z");          // app push cap reached by the real pushes: both silenced
        login(a, "2011-11-02T10:00:00Z");          // within the 7-day cooldown: refused
    }

    private JourneyBacktest backtest(JourneyGraph graph) {
        return backtest(graph, List.of());
    }

    private JourneyBacktest backtest(JourneyGraph graph, List<Instant> fireTimes) {
        return new JourneyBacktest(new JourneyBacktest.Plan(JOURNEY, 0, graph, FROM, TO, Duration.ofDays(7), fireTimes), LIMITS,
                new JourneyBacktest.Profiles() {
                    @Override
                    public boolean matches(CustomerId customer, TagCondition condition, Instant at) {
                        throw new AssertionError("no condition in this journey");
                    }

                    @Override
                    public ZoneId zoneOf(CustomerId customer, Instant at) {
                        return ZoneOffset.UTC;
                    }
                }, offer -> offer.equals(OFFER) ? Optional.of(FIVE_OFF) : Optional.empty());
    }

    private JourneyBacktest.Result run(List<CustomerEvent> events) {
        JourneyBacktest backtest = backtest(loginVoucher());
        long position = 0;
        for (CustomerEvent event : events) {
            backtest.add(event, Instant.parse("2026-01-01T00:00:00Z"), ++position);
        }
        return backtest.run(() -> false);
    }

    @Test
    void a_week_of_history_gives_the_entries_messages_collisions_coupons_and_conversions_worked_out_by_hand() {
        aWeekOfHistory();
        JourneyBacktest.Result r = run(history);

        assertThat(r.triggeringEvents()).isEqualTo(6);
        assertThat(r.enrollments()).isEqualTo(5);
        assertThat(r.customersEnrolled()).isEqualTo(5);
        assertThat(r.reentriesRefused()).isEqualTo(1);
        assertThat(r.steps()).containsExactly(entry("recommend", 5L), entry("wait-order", 5L), entry("coupon", 4L), entry("tell", 4L),
                entry("done", 5L));
        JourneyBacktest.ChannelTally push = r.messages().get("app-push");
        assertThat(push.sent()).as("A 1, B 2, D 2").isEqualTo(5);
        assertThat(push.deferred()).as("D's two at night").isEqualTo(2);
        assertThat(push.suppressed()).containsOnly(entry("NO_CONSENT", 2L), entry("CHANNEL_DAILY_CAP", 2L));
        assertThat(r.messagesSent()).isEqualTo(5);
        assertThat(r.frequencyCapCollisions()).isEqualTo(2);
        assertThat(r.outranked()).isZero();
        assertThat(r.coupons().issued()).as("B, C, D, E").isEqualTo(4);
        assertThat(r.coupons().faceValue()).containsOnly(entry("GBP", new BigDecimal("20")));
        assertThat(r.coupons().costOnFollowingOrders()).containsOnly(entry("GBP", new BigDecimal("5")));
        assertThat(r.coupons().redeemable()).isEqualTo(1);
        assertThat(r.outcomes()).containsOnly(entry("completed", 5L));
        assertThat(r.conversions().customersMessaged()).as("A, B, D").isEqualTo(3);
        assertThat(r.conversions().orders()).isEqualTo(2);
        assertThat(r.conversions().customers()).isEqualTo(2);
        assertThat(r.conversions().rate()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.conversions().revenue()).containsOnly(entry("GBP", new BigDecimal("50.00")));
        JourneyBacktest.Path first = r.paths().get(0);
        assertThat(first.customer()).isEqualTo("a");
        assertThat(first.steps()).containsExactly("recommend", "wait-order", "done");
        assertThat(first.messages()).containsExactly("recommend app-push sent");
        JourneyBacktest.Path night = r.paths().stream().filter(p -> p.customer().equals("d")).findFirst().orElseThrow();
        assertThat(night.messages()).containsExactly("recommend app-push deferred to 2011-11-02T09:00:00Z",
                "tell app-push deferred to 2011-11-02T09:00:00Z");
    }

    @Test
    void the_order_events_are_added_in_does_not_change_the_result() {
        aWeekOfHistory();
        JourneyBacktest.Result inOrder = run(history);
        List<CustomerEvent> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(7));
        // the store order of events of one moment decides between them: keep each customer's own order
        JourneyBacktest backtest = backtest(loginVoucher());
        for (CustomerEvent event : shuffled) {
            backtest.add(event, Instant.parse("2026-01-01T00:00:00Z"), history.indexOf(event));
        }
        assertThat(backtest.run(() -> false)).isEqualTo(inOrder);
    }

    @Test
    void a_goal_ends_runs_wherever_they_are_and_a_higher_priority_message_outranks_the_journeys() {
        reachable(a, true);
        reachable(b, true);
        login(a, "2011-11-01T10:00:00Z");
        order(a, "2011-11-01T10:05:00Z", "12.00");  // the goal, while waiting
        realPush(b, "2011-11-01T09:30:00Z");        // priority 50 outranks the journey's 30 for a day
        login(b, "2011-11-01T10:00:00Z");
        JourneyGraph withGoal = new JourneyGraph("With a goal", new Trigger.OnEvent(EventSpec.of("login")), "hello", List.of(
                new JourneyNode.SendMessage("hello", Channel.INBOX, "Hello", "Hello", null, "pause"),
                new JourneyNode.Wait("pause", Duration.ofHours(1), null, "again"),
                new JourneyNode.SendMessage("again", Channel.APP_PUSH, "Still there?", "New in", null, "done"),
                new JourneyNode.Exit("done")), EventSpec.of("order"), Reentry.never(), 30);
        JourneyBacktest backtest = backtest(withGoal);
        for (int i = 0; i < history.size(); i++) {
            backtest.add(history.get(i), Instant.parse("2026-01-01T00:00:00Z"), i);
        }
        JourneyBacktest.Result r = backtest.run(() -> false);

        assertThat(r.conversions().goalReached()).isEqualTo(1);
        assertThat(r.outcomes()).containsOnly(entry("goal", 1L), entry("completed", 1L));
        assertThat(r.steps()).containsExactly(entry("hello", 2L), entry("pause", 2L), entry("again", 1L), entry("done", 1L));
        assertThat(r.messages().get("inbox").suppressed()).as("inbox needs in-app consent; A and B gave app push only")
                .containsOnly(entry("NO_CONSENT", 2L));
        assertThat(r.messages().get("app-push").suppressed()).containsOnly(entry("OUTRANKED", 1L));
        assertThat(r.outranked()).isEqualTo(1);
    }

    @Test
    void a_schedule_enrolls_the_segment_members_of_each_fire_time_and_runs_waiting_at_the_end_are_counted_as_such() {
        reachable(a, true);
        reachable(b, true);
        history.add(new SegmentEnteredEvent(a, "vip", 1, Instant.parse("2011-10-20T00:00:00Z")));
        history.add(new SegmentEnteredEvent(b, "vip", 1, Instant.parse("2011-10-20T00:00:00Z")));
        history.add(new SegmentLeftEvent(b, "vip", 1, Instant.parse("2011-10-20T00:00:00Z"), Instant.parse("2011-11-02T00:00:00Z")));
        JourneyGraph weekly = new JourneyGraph("Monday", new Trigger.OnSchedule("0 0 10 * * MON", "UTC", List.of("vip")), "hello",
                List.of(new JourneyNode.SendMessage("hello", Channel.APP_PUSH, "Hi", "Hi", null, "pause"),
                        new JourneyNode.Wait("pause", Duration.ofDays(30), null, "done"),
                        new JourneyNode.Exit("done")), null, Reentry.afterExit(), 30);
        JourneyBacktest backtest = backtest(weekly, List.of(Instant.parse("2011-10-31T10:00:00Z"), Instant.parse("2011-11-07T10:00:00Z")));
        for (int i = 0; i < history.size(); i++) {
            backtest.add(history.get(i), Instant.parse("2026-01-01T00:00:00Z"), i);
        }
        JourneyBacktest.Result r = backtest.run(() -> false);

        // 31 Oct is before the period; on 7 Nov only A is still a member
        assertThat(r.enrollments()).isEqualTo(1);
        assertThat(r.outcomes()).containsOnly(entry("still in the journey at the end of the period", 1L));
    }

    @Test
    void a_cancelled_backtest_gives_no_result_and_a_period_must_end_after_it_starts() {
        JourneyBacktest backtest = backtest(loginVoucher());
        for (int i = 0; i < 20_000; i++) {
            backtest.add(new LoggedInEvent(new CustomerId("c" + i), "l" + i, FROM.plusSeconds(i), "app"), FROM, i);
        }
        assertThat(backtest.run(() -> true)).isNull();
        assertThatThrownBy(() -> new JourneyBacktest.Plan(JOURNEY, 0, loginVoucher(), TO, FROM, Duration.ofDays(7), List.of()))
                .hasMessageContaining("to: must be after from");
    }
}
