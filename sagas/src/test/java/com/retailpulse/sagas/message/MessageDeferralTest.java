package com.retailpulse.sagas.message;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.MessageDeferredEvent;
import com.retailpulse.contracts.message.Channel;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

class MessageDeferralTest {

    private static final Instant LATE = Instant.parse("2026-11-24T15:00:00Z");
    private static final Instant NINE = Instant.parse("2026-11-25T01:00:00Z");
    private static final CustomerId ANN = new CustomerId("ann");
    private static final MessageRequest SMS = new MessageRequest(new MessageId("m-1"), Channel.SMS, null, "Hi", null, null,
            new MessageSource(MessageSource.CAMPAIGN, "c-1", 1, "c-1", "a", "a"), 10);

    private SagaTestFixture<MessageDeferral> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(MessageDeferral.class);
        fixture.registerResource(Clock.fixed(LATE, ZoneOffset.UTC));
    }

    @Test
    void a_message_deferred_at_23_00_is_asked_for_again_at_09_00_and_not_before() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ANN.value()).publishes(new MessageDeferredEvent(ANN, SMS, NINE, LATE))
                .expectScheduledDeadlineWithName(Duration.ofHours(10), MessageDeferral.RETRY)
                .expectNoDispatchedCommands();
    }

    @Test
    void when_the_quiet_hours_end_the_same_message_is_asked_for_and_the_saga_ends() {
        fixture.givenAggregate(ANN.value()).published(new MessageDeferredEvent(ANN, SMS, NINE, LATE))
                .whenTimeElapses(Duration.ofHours(10))
                .expectDispatchedCommands(new DeliverMessageCommand(ANN, SMS))
                .expectActiveSagas(0);
    }
}
