package com.retailpulse.command.identity;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.identity.ClaimIdentifierCommand;
import com.retailpulse.contracts.identity.IdentifierClaimedEvent;
import com.retailpulse.contracts.identity.IdentifierKey;
import com.retailpulse.contracts.identity.IdentifierOwnership;
import com.retailpulse.contracts.identity.IdentifierRoutedEvent;
import com.retailpulse.contracts.identity.RouteIdentifierCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class IdentifierRegistrationTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final CustomerIdentifier PHONE = CustomerIdentifier.parse("phone:h:abc");
    private static final IdentifierKey KEY = IdentifierKey.of(PHONE);
    private static final CustomerId ANN = new CustomerId("ann");
    private static final CustomerId BOB = new CustomerId("bob");

    private AggregateTestFixture<IdentifierRegistration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IdentifierRegistration.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void the_first_claim_of_an_identifier_makes_the_proposed_customer_its_owner() {
        fixture.givenNoPriorActivity()
                .when(new ClaimIdentifierCommand(PHONE, ANN))
                .expectEvents(new IdentifierClaimedEvent(KEY, PHONE, ANN, NOW))
                .expectResultMessagePayload(new IdentifierOwnership(PHONE, ANN, ANN, true));
    }

    @Test
    void a_later_claim_for_someone_else_is_answered_with_the_owner_and_changes_nothing() {
        fixture.given(new IdentifierClaimedEvent(KEY, PHONE, ANN, NOW))
                .when(new ClaimIdentifierCommand(PHONE, BOB))
                .expectNoEvents()
                .expectResultMessagePayload(new IdentifierOwnership(PHONE, ANN, ANN, false));
    }

    @Test
    void after_a_merge_the_identifier_keeps_its_owner_and_resolves_to_the_survivor() {
        fixture.given(new IdentifierClaimedEvent(KEY, PHONE, ANN, NOW))
                .andGivenCommands(new RouteIdentifierCommand(KEY, BOB, "merge-1"))
                .when(new ClaimIdentifierCommand(PHONE, ANN))
                .expectResultMessagePayload(new IdentifierOwnership(PHONE, ANN, BOB, false));
    }

    @Test
    void routing_records_where_it_came_from_and_routing_again_records_nothing() {
        fixture.given(new IdentifierClaimedEvent(KEY, PHONE, ANN, NOW))
                .when(new RouteIdentifierCommand(KEY, BOB, "merge-1"))
                .expectEvents(new IdentifierRoutedEvent(KEY, PHONE, ANN, ANN, BOB, "merge-1", NOW));
        fixture.given(new IdentifierClaimedEvent(KEY, PHONE, ANN, NOW),
                        new IdentifierRoutedEvent(KEY, PHONE, ANN, ANN, BOB, "merge-1", NOW))
                .when(new RouteIdentifierCommand(KEY, BOB, "merge-1"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }
}
