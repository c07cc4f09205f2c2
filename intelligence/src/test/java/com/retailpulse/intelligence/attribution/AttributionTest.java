package com.retailpulse.intelligence.attribution;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AttributionTest {

    private static final Instant T0 = Instant.parse("2011-11-01T00:00:00Z");
    private static final AttributionRules RULES = new AttributionRules(T0, T0.plus(Duration.ofDays(30)), Duration.ofDays(7),
            Duration.ofDays(1), 0.4, 0.4);
    private static final Set<AttributionModel> ALL = EnumSet.allOf(AttributionModel.class);

    private static Touch touch(String id, String group, double hours) {
        return new Touch(id, group, T0.plus(Duration.ofMinutes(Math.round(hours * 60))));
    }

    private static Conversion order(String id, double hours, double value) {
        return new Conversion(id, T0.plus(Duration.ofMinutes(Math.round(hours * 60))), value);
    }

    @Test
    void rule_based_models_share_one_conversion_as_documented() {
        // sms (48 h before), push (24 h before), email (0 h before) the order worth 100
        CustomerHistory c = new CustomerHistory("c1", List.of(touch("m3", "email", 72), touch("m1", "sms", 24), touch("m2", "push", 48)),
                List.of(order("o1", 72, 100)));
        AttributionResult r = Attribution.run(List.of(c), ALL, RULES);

        assertThat(r.conversions()).isEqualTo(1);
        assertThat(r.attributedConversions()).isEqualTo(1);
        assertThat(r.model(AttributionModel.FIRST_TOUCH).group("sms").conversions()).isEqualTo(1.0);
        assertThat(r.model(AttributionModel.FIRST_TOUCH).group("email").conversions()).isZero();
        assertThat(r.model(AttributionModel.LAST_TOUCH).group("email").revenue()).isEqualTo(100.0);
        assertThat(r.model(AttributionModel.LINEAR).group("push").conversions()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.model(AttributionModel.POSITION_BASED).group("sms").revenue()).isCloseTo(40, within(1e-9));
        assertThat(r.model(AttributionModel.POSITION_BASED).group("push").revenue()).isCloseTo(20, within(1e-9));
        assertThat(r.model(AttributionModel.POSITION_BASED).group("email").revenue()).isCloseTo(40, within(1e-9));
        // half-life one day: weights 1/4, 1/2, 1 → 1/7, 2/7, 4/7
        assertThat(r.model(AttributionModel.TIME_DECAY).group("sms").conversions()).isCloseTo(1.0 / 7, within(1e-12));
        assertThat(r.model(AttributionModel.TIME_DECAY).group("push").conversions()).isCloseTo(2.0 / 7, within(1e-12));
        assertThat(r.model(AttributionModel.TIME_DECAY).group("email").conversions()).isCloseTo(4.0 / 7, within(1e-12));
    }

    @Test
    void the_markov_model_gives_the_removal_effects_of_the_textbook_example() {
        // C1 → C2 → C3 → conversion; C1 → null; C2 → C3 → null.
        // P(conversion) = 1/3; without C1 1/6 (effect 0.5); without C2 or C3 0 (effect 1): shares 0.2, 0.4, 0.4.
        List<CustomerHistory> histories = List.of(
                new CustomerHistory("a", List.of(touch("a1", "C1", 1), touch("a2", "C2", 2), touch("a3", "C3", 3)), List.of(order("oa", 4, 50))),
                new CustomerHistory("b", List.of(touch("b1", "C1", 1)), List.of()),
                new CustomerHistory("c", List.of(touch("c1", "C2", 1), touch("c2", "C3", 2)), List.of()));
        AttributionResult r = Attribution.run(histories, Set.of(AttributionModel.MARKOV), RULES);

        ModelCredits markov = r.model(AttributionModel.MARKOV);
        assertThat(markov.group("C1").removalEffect()).isCloseTo(0.5, within(1e-12));
        assertThat(markov.group("C2").removalEffect()).isCloseTo(1.0, within(1e-12));
        assertThat(markov.group("C1").conversions()).isCloseTo(0.2, within(1e-12));
        assertThat(markov.group("C3").conversions()).isCloseTo(0.4, within(1e-12));
        assertThat(markov.group("C2").revenue()).isCloseTo(20, within(1e-9));
        assertThat(r.convertingPaths()).isEqualTo(1);
        assertThat(r.nonConvertingPaths()).isEqualTo(2);
    }

    @Test
    void a_repeated_group_loops_in_the_chain_and_still_converges() {
        List<CustomerHistory> histories = List.of(
                new CustomerHistory("a", List.of(touch("a1", "sms", 1), touch("a2", "sms", 2), touch("a3", "push", 3)), List.of(order("oa", 4, 10))),
                new CustomerHistory("b", List.of(touch("b1", "sms", 1), touch("b2", "sms", 2)), List.of()),
                new CustomerHistory("c", List.of(touch("c1", "push", 1)), List.of(order("oc", 2, 30))));
        ModelCredits markov = Attribution.run(histories, Set.of(AttributionModel.MARKOV), RULES).model(AttributionModel.MARKOV);
        // push converts on its own, so removing it loses everything; removing sms loses a's path only
        assertThat(markov.group("push").removalEffect()).isCloseTo(1.0, within(1e-12));
        assertThat(markov.group("sms").removalEffect()).isBetween(0.0, 1.0);
        assertThat(markov.group("sms").conversions() + markov.group("push").conversions()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void windows_periods_and_paths_decide_what_is_credited() {
        CustomerHistory c = new CustomerHistory("c", List.of(
                touch("old", "sms", 0),          // 10 days before o1: outside its 7-day window
                touch("fresh", "push", 230),      // 10 h before o1
                touch("after", "email", 250),     // after o1, before o2: only o2's path
                touch("late", "inbox", 700)),     // after the last conversion: a non-converting path
                List.of(order("o1", 240, 80), order("o2", 260, 20), order("none", 400, 5)));
        AttributionResult r = Attribution.run(List.of(c), ALL, RULES);

        assertThat(r.conversions()).isEqualTo(3);
        assertThat(r.revenue()).isEqualTo(105.0);
        assertThat(r.attributedConversions()).as("the third order had no touch in its window").isEqualTo(2);
        assertThat(r.attributedRevenue()).isEqualTo(100.0);
        ModelCredits last = r.model(AttributionModel.LAST_TOUCH);
        assertThat(last.group("push").revenue()).isEqualTo(80.0);
        assertThat(last.group("email").revenue()).as("a path ends at its conversion").isEqualTo(20.0);
        assertThat(last.group("sms").conversions()).isZero();
        assertThat(r.nonConvertingPaths()).as("the expired sms touch and the late inbox touch").isEqualTo(2);

        // a conversion before the period is not counted, and takes its path with it
        AttributionRules later = new AttributionRules(T0.plus(Duration.ofHours(255)), RULES.to(), RULES.window(), RULES.halfLife(), 0.4, 0.4);
        AttributionResult part = Attribution.run(List.of(c), ALL, later);
        assertThat(part.conversions()).isEqualTo(2);
        assertThat(part.model(AttributionModel.FIRST_TOUCH).group("email").conversions())
                .as("the email touch before the period still counts in the window of a conversion in it").isEqualTo(1.0);
        assertThat(part.model(AttributionModel.FIRST_TOUCH).group("push").conversions()).isZero();
    }

    @Test
    void every_model_shares_out_exactly_the_attributed_conversions_and_revenue_and_the_same_input_gives_the_same_bits() {
        Random random = new Random(7);
        String[] groups = {"sms", "push", "email", "inbox", "wechat"};
        List<CustomerHistory> histories = new ArrayList<>();
        for (int c = 0; c < 300; c++) {
            List<Touch> touches = new ArrayList<>();
            List<Conversion> conversions = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                touches.add(touch("c" + c + "t" + i, groups[random.nextInt(groups.length)], random.nextInt(700)));
            }
            for (int i = random.nextInt(3); i > 0; i--) {
                conversions.add(order("c" + c + "o" + i, random.nextInt(720), 1 + random.nextInt(200)));
            }
            histories.add(new CustomerHistory("c" + c, touches, conversions));
        }
        AttributionResult r = Attribution.run(histories, ALL, RULES);
        assertThat(r.attributedConversions()).isPositive();
        for (ModelCredits model : r.models()) {
            assertThat(model.groups().stream().mapToDouble(GroupCredit::conversions).sum()).as(model.model().key())
                    .isCloseTo(r.attributedConversions(), within(1e-9));
            assertThat(model.groups().stream().mapToDouble(GroupCredit::revenue).sum()).as(model.model().key())
                    .isCloseTo(r.attributedRevenue(), within(1e-6));
        }
        List<CustomerHistory> shuffled = new ArrayList<>();
        for (CustomerHistory h : histories) {
            List<Touch> t = new ArrayList<>(h.touches());
            Collections.shuffle(t, random);
            shuffled.add(new CustomerHistory(h.customer(), t, h.conversions()));
        }
        Collections.shuffle(shuffled, random);
        assertThat(Attribution.run(shuffled, ALL, RULES)).isEqualTo(r);
    }

    @Test
    void bad_rules_and_models_are_refused_with_the_reason() {
        assertThatThrownBy(() -> new AttributionRules(T0, T0, Duration.ofDays(1), Duration.ofDays(1), 0.4, 0.4))
                .hasMessageContaining("period must end after it starts");
        assertThatThrownBy(() -> new AttributionRules(T0, T0.plusSeconds(1), Duration.ZERO, Duration.ofDays(1), 0.4, 0.4))
                .hasMessageContaining("conversion window");
        assertThatThrownBy(() -> new AttributionRules(T0, T0.plusSeconds(1), Duration.ofDays(1), Duration.ofDays(1), 0.7, 0.4))
                .hasMessageContaining("position-based shares");
        assertThatThrownBy(() -> AttributionModel.of("u-shaped")).hasMessageContaining("unknown attribution model 'u-shaped'")
                .hasMessageContaining("time-decay");
    }
}
