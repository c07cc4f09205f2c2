package com.retailpulse.command.customer;

import com.retailpulse.contracts.customer.ConsentChannel;
import com.retailpulse.contracts.customer.ConsentGivenEvent;
import com.retailpulse.contracts.customer.ConsentPurpose;
import com.retailpulse.contracts.customer.ConsentStatement;
import com.retailpulse.contracts.customer.ConsentWithdrawnEvent;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.RecordConsentCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.retailpulse.contracts.customer.ConsentChannel.EMAIL;
import static com.retailpulse.contracts.customer.ConsentChannel.SMS;
import static com.retailpulse.contracts.customer.ConsentPurpose.ANALYTICS;
import static com.retailpulse.contracts.customer.ConsentPurpose.MARKETING;

class CustomerConsentRecordingTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-22T10:00:00Z");
    private static final CustomerIdentifier MEMBER = CustomerIdentifier.parse("member:M-2002");
    private static final CustomerId ID = CustomerId.firstSeenAs(MEMBER);
    private static final CustomerCreatedEvent CREATED = new CustomerCreatedEvent(ID, MEMBER, NOW);

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RecordConsentCommand statement(ConsentChannel channel, ConsentPurpose purpose, boolean granted, Instant at) {
        return new RecordConsentCommand(ID, MEMBER, new ConsentStatement(channel, purpose, granted, at), "app-settings");
    }

    private static ConsentGivenEvent given(ConsentChannel channel, ConsentPurpose purpose, Instant at) {
        return new ConsentGivenEvent(ID, channel, purpose, at, "app-settings");
    }

    private static ConsentWithdrawnEvent withdrawn(ConsentChannel channel, ConsentPurpose purpose, Instant at) {
        return new ConsentWithdrawnEvent(ID, channel, purpose, at, "app-settings");
    }

    @Test
    void consent_from_an_unknown_customer_creates_the_customer_and_records_the_consent() {
        fixture.givenNoPriorActivity()
                .when(statement(SMS, MARKETING, true, T1))
                .expectResultMessagePayload(true)
                .expectEvents(CREATED, given(SMS, MARKETING, T1));
    }

    @Test
    void consent_already_given_and_given_again_records_nothing() {
        fixture.given(CREATED, given(SMS, MARKETING, T1))
                .when(statement(SMS, MARKETING, true, T2))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_withdrawal_after_consent_is_recorded() {
        fixture.given(CREATED, given(SMS, MARKETING, T1))
                .when(statement(SMS, MARKETING, false, T2))
                .expectResultMessagePayload(true)
                .expectEvents(withdrawn(SMS, MARKETING, T2));
    }

    @Test
    void an_explicit_opt_out_with_no_earlier_statement_is_recorded() {
        fixture.given(CREATED)
                .when(statement(EMAIL, MARKETING, false, T1))
                .expectResultMessagePayload(true)
                .expectEvents(withdrawn(EMAIL, MARKETING, T1));
    }

    @Test
    void a_statement_older_than_the_latest_recorded_one_is_ignored_because_it_arrived_late() {
        fixture.given(CREATED, given(SMS, MARKETING, T1), withdrawn(SMS, MARKETING, T3))
                .when(statement(SMS, MARKETING, true, T2))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void each_channel_and_purpose_has_its_own_state() {
        fixture.given(CREATED, given(SMS, MARKETING, T3))
                .when(statement(SMS, ANALYTICS, true, T1))
                .expectResultMessagePayload(true)
                .expectEvents(given(SMS, ANALYTICS, T1));
        fixture.given(CREATED, given(SMS, MARKETING, T3))
                .when(statement(EMAIL, MARKETING, true, T1))
                .expectResultMessagePayload(true)
                .expectEvents(given(EMAIL, MARKETING, T1));
    }
}
