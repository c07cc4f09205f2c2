package com.retailpulse.command.journey;

import com.retailpulse.contracts.journey.EventSpec;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.Reentry;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.tag.TagCondition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyGraphCheckTest {

    private static final Trigger LOGIN = new Trigger.OnEvent(EventSpec.of("login"));
    private static final TagCondition VIP = new TagCondition.Field("value.tier", TagCondition.Op.eq, "high_value");

    private static JourneyGraph graph(String start, JourneyNode... nodes) {
        return new JourneyGraph("Test", LOGIN, start, List.of(nodes), null, Reentry.afterExit(), 10);
    }

    private static JourneyNode.SendMessage send(String id, String next) {
        return new JourneyNode.SendMessage(id, Channel.INBOX, null, "Hi", null, next);
    }

    @Test
    void a_well_formed_journey_has_no_problems() {
        assertThat(JourneyGraphCheck.problems(graph("hello",
                send("hello", "wait"),
                new JourneyNode.WaitForEvent("wait", EventSpec.of("order"), Duration.ofMinutes(30), "done", "nudge"),
                send("nudge", "done"),
                new JourneyNode.Exit("done")))).isEmpty();
    }

    @Test
    void a_step_pointing_at_a_missing_step_is_named() {
        assertThat(JourneyGraphCheck.problems(graph("hello", send("hello", "coupon"), new JourneyNode.Exit("done"))))
                .contains("node 'hello': next 'coupon' is not a node");
    }

    @Test
    void a_step_without_a_next_step_is_named() {
        assertThat(JourneyGraphCheck.problems(graph("hello", send("hello", null), new JourneyNode.Exit("done"))))
                .contains("node 'hello': a next step is missing; end the path with an exit step");
    }

    @Test
    void unreachable_steps_are_named() {
        assertThat(JourneyGraphCheck.problems(graph("hello", send("hello", "done"), send("orphan", "done"), new JourneyNode.Exit("done"))))
                .containsExactly("node 'orphan': unreachable from the start 'hello'");
    }

    @Test
    void a_loop_without_a_wait_is_named_once_and_a_loop_with_a_wait_is_fine() {
        List<String> problems = JourneyGraphCheck.problems(graph("check",
                new JourneyNode.Condition("check", VIP, "send", "done"),
                send("send", "check"),
                new JourneyNode.Exit("done")));
        assertThat(problems).containsExactly("node 'check': the loop check → send → check has no wait step");

        assertThat(JourneyGraphCheck.problems(graph("check",
                new JourneyNode.Condition("check", VIP, "send", "done"),
                send("send", "pause"),
                new JourneyNode.Wait("pause", Duration.ofDays(1), null, "check"),
                new JourneyNode.Exit("done")))).isEmpty();
    }

    @Test
    void a_loop_after_a_wait_is_still_found() {
        assertThat(JourneyGraphCheck.problems(graph("pause",
                new JourneyNode.Wait("pause", Duration.ofHours(1), null, "a"),
                new JourneyNode.Condition("a", VIP, "b", "done"),
                send("b", "a"),
                new JourneyNode.Exit("done")))).containsExactly("node 'a': the loop a → b → a has no wait step");
    }

    @Test
    void a_journey_without_an_exit_or_with_a_path_that_never_reaches_one_is_refused() {
        assertThat(JourneyGraphCheck.problems(graph("pause",
                new JourneyNode.Wait("pause", Duration.ofHours(1), null, "send"),
                send("send", "pause"))))
                .contains("nodes: no exit step; every path must end at one");
        assertThat(JourneyGraphCheck.problems(graph("check",
                new JourneyNode.Condition("check", VIP, "done", "pause"),
                new JourneyNode.Wait("pause", Duration.ofHours(1), null, "send"),
                send("send", "pause"),
                new JourneyNode.Exit("done"))))
                .containsExactlyInAnyOrder("node 'pause': no path from here reaches an exit", "node 'send': no path from here reaches an exit");
    }

    @Test
    void each_steps_settings_are_checked() {
        assertThat(JourneyGraphCheck.problems(graph("w",
                new JourneyNode.Wait("w", Duration.ofMinutes(5), LocalTime.NOON, "e"),
                new JourneyNode.WaitForEvent("e", EventSpec.of("teleport"), Duration.ofDays(120), "s", "s"),
                new JourneyNode.Split("s", List.of(new JourneyNode.Branch("a", 0, "done"))),
                new JourneyNode.Exit("done"))))
                .containsExactly(
                        "node 'w': a wait needs either a duration or an until time, not both or neither",
                        "node 'e': unknown event 'teleport'; known: cart-item-add, cart-item-remove, checkout-start, login, order, order-cancel, page-view, product-view, custom:<name>",
                        "node 'e': timeout: at most 90 days, got PT2880H",
                        "node 's': a split needs at least two branches, got 1",
                        "node 's': branch 'a' needs a positive weight, got 0");
    }

    @Test
    void ids_and_the_start_are_checked() {
        assertThat(JourneyGraphCheck.problems(graph("nowhere", send("Hello World", "done"), new JourneyNode.Exit("done"), new JourneyNode.Exit("done"))))
                .contains("nodes[0]: id must be 1–40 characters of a–z, 0–9 and -, got 'Hello World'",
                        "node 'done': the id is used twice", "start: 'nowhere' is not a node");
    }

    @Test
    void the_trigger_reentry_and_priority_are_checked() {
        JourneyGraph graph = new JourneyGraph(" ", new Trigger.OnEvent(EventSpec.of("dance")), "done",
                List.of(new JourneyNode.Exit("done")), null, Reentry.afterCooldown(Duration.ZERO), 101);
        assertThat(JourneyGraphCheck.problems(graph)).containsExactly("name: required",
                "trigger: unknown event 'dance'; known: cart-item-add, cart-item-remove, checkout-start, login, order, order-cancel, page-view, product-view, custom:<name>",
                "reentry.cooldown: after-cooldown needs a positive cooldown, got PT0S", "priority: must be 0 to 100, got 101");
    }

    @Test
    void a_webhook_step_names_a_configured_endpoint_never_a_url_and_profile_fields() {
        assertThat(JourneyGraphCheck.problems(graph("hook", new JourneyNode.CallWebhook("hook", "crm", List.of("member.tier"), "done"),
                new JourneyNode.Exit("done")))).isEmpty();
        assertThat(JourneyGraphCheck.problems(graph("hook", new JourneyNode.CallWebhook("hook", "http://169.254.169.254/latest", null, "done"),
                new JourneyNode.Exit("done")))).containsExactly("node 'hook': endpoint must be the name of a configured webhook endpoint"
                + " (1–40 characters of a–z, 0–9 and -), not a URL, got 'http://169.254.169.254/latest'");
        assertThat(JourneyGraphCheck.problems(graph("hook", new JourneyNode.CallWebhook("hook", null, List.of("member tier"), "done"),
                new JourneyNode.Exit("done")))).containsExactly(
                "node 'hook': endpoint: required, the name of a configured webhook endpoint (retailpulse.journeys.webhooks.<name>)",
                "node 'hook': fields: 'member tier' is not a profile field name (such as member.tier)");
    }
}
