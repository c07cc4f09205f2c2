package com.retailpulse.command.journey;

import com.retailpulse.contracts.journey.EventSpec;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.JourneyPausedEvent;
import com.retailpulse.contracts.journey.JourneyPublishedEvent;
import com.retailpulse.contracts.journey.JourneyResumedEvent;
import com.retailpulse.contracts.journey.JourneyRetiredEvent;
import com.retailpulse.contracts.journey.PauseJourneyCommand;
import com.retailpulse.contracts.journey.PublishJourneyCommand;
import com.retailpulse.contracts.journey.Reentry;
import com.retailpulse.contracts.journey.ResumeJourneyCommand;
import com.retailpulse.contracts.journey.RetireJourneyCommand;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.contracts.message.Channel;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

class JourneyTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final JourneyKey KEY = new JourneyKey("welcome");
    private static final JourneyGraph V1 = graph("Welcome");
    private static final JourneyGraph V2 = graph("Welcome, warmer");

    private AggregateTestFixture<Journey> fixture;

    private static JourneyGraph graph(String body) {
        return new JourneyGraph("Welcome", new Trigger.OnEvent(EventSpec.of("login")), "hello", List.of(
                new JourneyNode.SendMessage("hello", Channel.INBOX, null, body, null, "done"),
                new JourneyNode.Exit("done")), null, Reentry.never(), 10);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Journey.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void the_first_publish_creates_version_one() {
        fixture.givenNoPriorActivity()
                .when(new PublishJourneyCommand(KEY, V1))
                .expectResultMessagePayload(1)
                .expectEvents(new JourneyPublishedEvent(KEY, 1, V1, NOW));
    }

    @Test
    void a_changed_graph_is_the_next_version_and_the_same_graph_is_no_new_version() {
        fixture.given(new JourneyPublishedEvent(KEY, 1, V1, NOW))
                .when(new PublishJourneyCommand(KEY, V2))
                .expectResultMessagePayload(2)
                .expectEvents(new JourneyPublishedEvent(KEY, 2, V2, NOW));
        fixture.given(new JourneyPublishedEvent(KEY, 1, V1, NOW))
                .when(new PublishJourneyCommand(KEY, V1))
                .expectResultMessagePayload(1)
                .expectNoEvents();
    }

    @Test
    void an_invalid_graph_is_refused_with_every_problem_named() {
        JourneyGraph broken = new JourneyGraph("Broken", new Trigger.OnEvent(EventSpec.of("login")), "hello", List.of(
                new JourneyNode.SendMessage("hello", Channel.INBOX, null, "Hi", null, "coupon")), null, Reentry.never(), 10);
        fixture.givenNoPriorActivity()
                .when(new PublishJourneyCommand(KEY, broken))
                .expectException(JourneyRuleViolation.class)
                .expectExceptionMessage("node 'hello': next 'coupon' is not a node")
                .expectNoEvents();
    }

    @Test
    void pause_resume_and_retire() {
        fixture.given(new JourneyPublishedEvent(KEY, 1, V1, NOW))
                .when(new PauseJourneyCommand(KEY))
                .expectEvents(new JourneyPausedEvent(KEY, NOW));
        fixture.given(new JourneyPublishedEvent(KEY, 1, V1, NOW), new JourneyPausedEvent(KEY, NOW))
                .when(new ResumeJourneyCommand(KEY))
                .expectEvents(new JourneyResumedEvent(KEY, NOW));
        fixture.given(new JourneyPublishedEvent(KEY, 1, V1, NOW))
                .when(new ResumeJourneyCommand(KEY))
                .expectException(JourneyRuleViolation.class)
                .expectExceptionMessage("journey welcome is active; only paused journeys can resume");
        fixture.given(new JourneyPublishedEvent(KEY, 1, V1, NOW), new JourneyPausedEvent(KEY, NOW))
                .when(new RetireJourneyCommand(KEY))
                .expectEvents(new JourneyRetiredEvent(KEY, NOW));
    }

    @Test
    void a_retired_journey_is_never_published_again() {
        fixture.given(new JourneyPublishedEvent(KEY, 1, V1, NOW), new JourneyRetiredEvent(KEY, NOW))
                .when(new PublishJourneyCommand(KEY, V2))
                .expectException(JourneyRuleViolation.class)
                .expectExceptionMessage("journey welcome is retired; publish it under a new key");
    }
}
