package com.retailpulse.contracts.journey;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.tag.TagCondition;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a journey graph, named by {@code id}; {@code next} and the other targets name the step
 * after it. {@link #targets()} lists every step this one can lead to.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JourneyNode.Wait.class, name = "wait"),
        @JsonSubTypes.Type(value = JourneyNode.WaitForEvent.class, name = "wait-for-event"),
        @JsonSubTypes.Type(value = JourneyNode.Condition.class, name = "condition"),
        @JsonSubTypes.Type(value = JourneyNode.Split.class, name = "split"),
        @JsonSubTypes.Type(value = JourneyNode.SendMessage.class, name = "send-message"),
        @JsonSubTypes.Type(value = JourneyNode.IssueCoupon.class, name = "issue-coupon"),
        @JsonSubTypes.Type(value = JourneyNode.SetTag.class, name = "set-tag"),
        @JsonSubTypes.Type(value = JourneyNode.CallWebhook.class, name = "call-webhook"),
        @JsonSubTypes.Type(value = JourneyNode.Exit.class, name = "exit")
})
public sealed interface JourneyNode {

    String id();

    /** The steps this one leads to (nulls where a target is missing, so the check can name it). */
    List<String> targets();

    /** Whether the run pauses here (a loop must pass through one). */
    default boolean waits() {
        return false;
    }

    /** Waits a {@code duration} ("PT30M"), or until the next {@code until} time of day in the customer's zone. */
    record Wait(String id, Duration duration, LocalTime until, String next) implements JourneyNode {
        @Override
        public List<String> targets() {
            return nullable(next);
        }

        @Override
        public boolean waits() {
            return true;
        }
    }

    /** Waits for the customer to do {@code event}, at most {@code timeout}: then goes {@code onEvent} or {@code onTimeout}. */
    record WaitForEvent(String id, EventSpec event, Duration timeout, String onEvent, String onTimeout) implements JourneyNode {
        @Override
        public List<String> targets() {
            return nullable(onEvent, onTimeout);
        }

        @Override
        public boolean waits() {
            return true;
        }
    }

    /** Tests the customer's profile as it is now (the tag language, docs/tags.md): {@code then} or {@code otherwise}. */
    record Condition(String id, TagCondition condition, String then, String otherwise) implements JourneyNode {
        @Override
        public List<String> targets() {
            return nullable(then, otherwise);
        }
    }

    /** An A/B split: each customer goes down one branch, chosen by weight and the same every time (docs/experiments.md). */
    record Split(String id, List<Branch> branches) implements JourneyNode {
        public Split {
            branches = branches == null ? List.of() : List.copyOf(branches);
        }

        @Override
        public List<String> targets() {
            return nullable(branches.stream().map(Branch::next).toArray(String[]::new));
        }
    }

    /** One way out of a split: its {@code key} is the experiment arm its messages count for. */
    record Branch(String key, int weight, String next) {
    }

    /**
     * Sends a message (docs/templates.md for {@code title} and {@code body}); {@code offerId} presents an
     * offer; the coupon of an earlier issue-coupon step fills {@code {{coupon.code}}}.
     */
    record SendMessage(String id, Channel channel, String title, String body, String offerId, String next) implements JourneyNode {
        @Override
        public List<String> targets() {
            return nullable(next);
        }
    }

    /** Issues a coupon of {@code offerId} to the customer (once per enrollment, whatever retries happen). */
    record IssueCoupon(String id, String offerId, String next) implements JourneyNode {
        @Override
        public List<String> targets() {
            return nullable(next);
        }
    }

    /** Tags the customer ({@code journey.tags} in the profile), for segments and later journeys. */
    record SetTag(String id, String tag, String next) implements JourneyNode {
        @Override
        public List<String> targets() {
            return nullable(next);
        }
    }

    /**
     * Posts a signed JSON notice of the run (customer, journey, version, run, step, trigger, and the profile
     * {@code fields} named) to the configured webhook endpoint named {@code endpoint}
     * ({@code retailpulse.journeys.webhooks.<endpoint>.url/secret}): the graph names an endpoint of the
     * allow-list, never a URL. The run goes on at once; delivery happens apart, with retries (docs/journeys.md).
     */
    record CallWebhook(String id, String endpoint, List<String> fields, String next) implements JourneyNode {
        public CallWebhook {
            fields = fields == null ? List.of() : List.copyOf(fields);
        }

        @Override
        public List<String> targets() {
            return nullable(next);
        }
    }

    /** The run ends here. */
    record Exit(String id) implements JourneyNode {
        @Override
        public List<String> targets() {
            return List.of();
        }
    }

    private static List<String> nullable(String... targets) {
        List<String> list = new ArrayList<>();
        for (String t : targets) {
            list.add(t);
        }
        return list;
    }
}
