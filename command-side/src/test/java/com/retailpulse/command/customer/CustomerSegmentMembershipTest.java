package com.retailpulse.command.customer;

import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.RecordSegmentMembershipCommand;
import com.retailpulse.contracts.customer.SegmentEnteredEvent;
import com.retailpulse.contracts.customer.SegmentLeftEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class CustomerSegmentMembershipTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-21T10:00:00Z");
    private static final CustomerIdentifier MEMBER = CustomerIdentifier.parse("member:M-7");
    private static final CustomerId ID = CustomerId.firstSeenAs(MEMBER);
    private static final CustomerCreatedEvent CREATED = new CustomerCreatedEvent(ID, MEMBER, NOW);

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RecordSegmentMembershipCommand member(boolean member, int version, Instant at) {
        return new RecordSegmentMembershipCommand(ID, "dormant", version, member, at);
    }

    @Test
    void a_customer_who_matches_a_segment_enters_it_with_the_definition_version() {
        fixture.given(CREATED)
                .when(member(true, 3, T1))
                .expectResultMessagePayload(true)
                .expectEvents(new SegmentEnteredEvent(ID, "dormant", 3, T1));
    }

    @Test
    void telling_a_member_again_that_they_are_in_records_nothing() {
        fixture.given(CREATED, new SegmentEnteredEvent(ID, "dormant", 3, T1))
                .when(member(true, 4, T2))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_member_who_no_longer_matches_leaves() {
        fixture.given(CREATED, new SegmentEnteredEvent(ID, "dormant", 3, T1))
                .when(member(false, 3, T2))
                .expectEvents(new SegmentLeftEvent(ID, "dormant", 3, T1, T2));
    }

    @Test
    void a_customer_who_never_entered_cannot_leave() {
        fixture.given(CREATED)
                .when(member(false, 1, T1))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_statement_older_than_the_last_change_is_ignored() {
        fixture.given(CREATED, new SegmentEnteredEvent(ID, "dormant", 3, T2))
                .when(member(false, 3, T1))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }
}
