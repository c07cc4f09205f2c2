package com.retailpulse.command.customer;

import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerTaggedEvent;
import com.retailpulse.contracts.customer.EndJourneyEnrollmentCommand;
import com.retailpulse.contracts.customer.EnrollInJourneyCommand;
import com.retailpulse.contracts.customer.JourneyEnrolledEvent;
import com.retailpulse.contracts.customer.JourneyEnrollmentEndedEvent;
import com.retailpulse.contracts.customer.TagCustomerCommand;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.Reentry;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

class CustomerJourneyEnrollmentTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final CustomerIdentifier MEMBER = CustomerIdentifier.parse("member:M-9");
    private static final CustomerId ID = CustomerId.firstSeenAs(MEMBER);
    private static final CustomerCreatedEvent CREATED = new CustomerCreatedEvent(ID, MEMBER, T0);
    private static final JourneyKey CART = new JourneyKey("cart-recovery");
    private static final JourneyEnrolledEvent FIRST = new JourneyEnrolledEvent(ID, CART, 1, "e-1", "cart-item-add", T0);
    private static final JourneyEnrollmentEndedEvent FIRST_ENDED = new JourneyEnrollmentEndedEvent(ID, CART, "e-1", "completed", T0.plusSeconds(1800));

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
    }

    private static EnrollInJourneyCommand enroll(String enrollment, Reentry reentry, Instant at) {
        return new EnrollInJourneyCommand(ID, CART, 1, enrollment, reentry, "cart-item-add", at);
    }

    @Test
    void a_customer_enters_a_journey_once_while_in_it_whatever_the_policy() {
        fixture.given(CREATED)
                .when(enroll("e-1", Reentry.afterExit(), T0))
                .expectResultMessagePayload(true)
                .expectEvents(FIRST);
        fixture.given(CREATED, FIRST)
                .when(enroll("e-2", Reentry.afterExit(), T0.plusSeconds(60)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(CREATED, FIRST, FIRST_ENDED)
                .when(enroll("e-1", Reentry.afterExit(), T0))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void after_exit_they_may_enter_again_and_never_means_never() {
        fixture.given(CREATED, FIRST, FIRST_ENDED)
                .when(enroll("e-2", Reentry.afterExit(), T0.plus(Duration.ofHours(1))))
                .expectEvents(new JourneyEnrolledEvent(ID, CART, 1, "e-2", "cart-item-add", T0.plus(Duration.ofHours(1))));
        fixture.given(CREATED, FIRST, FIRST_ENDED)
                .when(enroll("e-2", Reentry.never(), T0.plus(Duration.ofDays(300))))
                .expectNoEvents();
    }

    @Test
    void a_cooldown_counts_from_the_last_entry() {
        fixture.given(CREATED, FIRST, FIRST_ENDED)
                .when(enroll("e-2", Reentry.afterCooldown(Duration.ofDays(7)), T0.plus(Duration.ofDays(6))))
                .expectNoEvents();
        fixture.given(CREATED, FIRST, FIRST_ENDED)
                .when(enroll("e-2", Reentry.afterCooldown(Duration.ofDays(7)), T0.plus(Duration.ofDays(7))))
                .expectEvents(new JourneyEnrolledEvent(ID, CART, 1, "e-2", "cart-item-add", T0.plus(Duration.ofDays(7))));
    }

    @Test
    void the_end_of_a_run_is_recorded_once_and_only_for_the_run_in_flight() {
        fixture.given(CREATED, FIRST)
                .when(new EndJourneyEnrollmentCommand(ID, CART, "e-1", "completed", T0.plusSeconds(1800)))
                .expectResultMessagePayload(true)
                .expectEvents(FIRST_ENDED);
        fixture.given(CREATED, FIRST, FIRST_ENDED)
                .when(new EndJourneyEnrollmentCommand(ID, CART, "e-1", "goal", T0.plusSeconds(1900)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_tag_is_recorded_once() {
        CustomerTaggedEvent tagged = new CustomerTaggedEvent(ID, "vip-seen", "journey:vip", T0);
        fixture.given(CREATED)
                .when(new TagCustomerCommand(ID, "vip-seen", "journey:vip", T0))
                .expectEvents(tagged);
        fixture.given(CREATED, tagged)
                .when(new TagCustomerCommand(ID, "vip-seen", "journey:vip", T0))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }
}
