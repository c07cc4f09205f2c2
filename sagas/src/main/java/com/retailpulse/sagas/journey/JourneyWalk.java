package com.retailpulse.sagas.journey;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.tag.TagCondition;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a customer moves through a journey's graph from a step until the run waits or ends, with the
 * actions (messages, coupons, tags, webhooks) left to the caller. The live run ({@link JourneyRun}) and
 * the backtest (which sends nothing) walk the same way, so a backtest takes the branches, splits and
 * waits a live run would.
 */
public final class JourneyWalk {

    /** Steps walked at most in one go: a graph that passed its check never comes near it. */
    public static final int MAX_STEPS_AT_ONCE = 200;

    /** What the walk asks of whoever runs it. */
    public interface Actions {

        /** Whether the customer's profile meets the condition now (the walk's now). */
        boolean matches(TagCondition condition);

        /** The customer's time zone, for waits until a time of day. */
        ZoneId zone();

        /** Sends the step's message on the branch {@code arm} (null outside a split). */
        void send(JourneyNode.SendMessage step, String arm);

        /** Issues the step's coupon; null when issued, else why not (the run then ends). */
        String issue(JourneyNode.IssueCoupon step);

        void tag(JourneyNode.SetTag step);

        void callWebhook(JourneyNode.CallWebhook step);
    }

    /**
     * Where a walk stopped: the steps gone through, the split branches taken, the branch the customer is on
     * afterwards; either the step waited in and for how long, or the outcome the run ended with.
     */
    public record Walked(List<String> steps, Map<String, String> arms, String arm, String waitingAt, Duration waitFor,
                         String ended) {

        public boolean waiting() {
            return waitingAt != null;
        }
    }

    private JourneyWalk() {
    }

    /** Walks from {@code step} with the customer on branch {@code arm} (null: none yet), as of {@code now}. */
    public static Walked from(String step, JourneyKey journey, int version, JourneyGraph graph, CustomerId customer, String arm,
                              Instant now, Actions actions) {
        List<String> steps = new ArrayList<>();
        Map<String, String> arms = new LinkedHashMap<>();
        String current = step;
        for (int i = 0; i < MAX_STEPS_AT_ONCE; i++) {
            String at = current;
            JourneyNode node = graph.node(at).orElseThrow(() -> new IllegalStateException("journey " + journey + " v" + version
                    + " has no step " + at));
            steps.add(node.id());
            if (node instanceof JourneyNode.Exit) {
                return new Walked(steps, arms, arm, null, null, "completed");
            } else if (node instanceof JourneyNode.Wait wait) {
                Duration delay = wait.duration() != null ? wait.duration() : untilNext(wait, now, actions.zone());
                return new Walked(steps, arms, arm, wait.id(), delay, null);
            } else if (node instanceof JourneyNode.WaitForEvent wait) {
                return new Walked(steps, arms, arm, wait.id(), wait.timeout(), null);
            } else if (node instanceof JourneyNode.Condition condition) {
                current = actions.matches(condition.condition()) ? condition.then() : condition.otherwise();
            } else if (node instanceof JourneyNode.Split split) {
                JourneyNode.Branch branch = JourneySplits.branch(journey, split, customer);
                arm = branch.key();
                arms.put(split.id(), branch.key());
                current = branch.next();
            } else if (node instanceof JourneyNode.SendMessage send) {
                actions.send(send, arm);
                current = send.next();
            } else if (node instanceof JourneyNode.IssueCoupon issue) {
                String refused = actions.issue(issue);
                if (refused != null) {
                    return new Walked(steps, arms, arm, null, null, "coupon refused at " + issue.id() + ": " + refused);
                }
                current = issue.next();
            } else if (node instanceof JourneyNode.SetTag tag) {
                actions.tag(tag);
                current = tag.next();
            } else if (node instanceof JourneyNode.CallWebhook call) {
                actions.callWebhook(call);
                current = call.next();
            } else {
                throw new IllegalStateException("unknown step " + node);
            }
        }
        return new Walked(steps, arms, arm, null, null, "too many steps at once");
    }

    /** Where a wait-for-event or wait step leads once it is over: on its timeout, or after its duration. */
    public static String afterWait(JourneyNode node) {
        return node instanceof JourneyNode.WaitForEvent wait ? wait.onTimeout() : ((JourneyNode.Wait) node).next();
    }

    private static Duration untilNext(JourneyNode.Wait wait, Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime at = local.with(wait.until());
        if (!at.isAfter(local)) {
            at = at.plusDays(1);
        }
        return Duration.between(local, at);
    }
}
