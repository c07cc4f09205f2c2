package com.retailpulse.command.identity;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.identity.ClaimIdentifierCommand;
import com.retailpulse.contracts.identity.IdentifierClaimedEvent;
import com.retailpulse.contracts.identity.IdentifierKey;
import com.retailpulse.contracts.identity.IdentifierOwnership;
import com.retailpulse.contracts.identity.IdentifierReleasedEvent;
import com.retailpulse.contracts.identity.IdentifierRoutedEvent;
import com.retailpulse.contracts.identity.ReleaseIdentifierCommand;
import com.retailpulse.contracts.identity.RouteIdentifierCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void the_owner_releases_the_identifier_after_an_erasure_and_the_next_claim_makes_a_new_owner() {
        fixture.given(new IdentifierClaimedEvent(KEY, PHONE, ANN, NOW))
                .when(new ReleaseIdentifierCommand(KEY, ANN, "erased"))
                .expectResultMessagePayload(true)
                .expectEvents(new IdentifierReleasedEvent(KEY, PHONE, ANN, "erased", NOW));
        fixture.given(new IdentifierClaimedEvent(KEY, PHONE, ANN, NOW), new IdentifierReleasedEvent(KEY, PHONE, ANN, "erased", NOW))
                .when(new ClaimIdentifierCommand(PHONE, BOB))
                .expectEvents(new IdentifierClaimedEvent(KEY, PHONE, BOB, NOW))
                .expectResultMessagePayload(new IdentifierOwnership(PHONE, BOB, BOB, true));
    }

    @Test
    void only_the_owner_releases_and_only_once() {
        fixture.given(new IdentifierClaimedEvent(KEY, PHONE, ANN, NOW))
                .when(new ReleaseIdentifierCommand(KEY, BOB, "erased"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(new IdentifierClaimedEvent(KEY, PHONE, ANN, NOW), new IdentifierReleasedEvent(KEY, PHONE, ANN, "erased", NOW))
                .when(new ReleaseIdentifierCommand(KEY, ANN, "erased"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void an_erased_owner_proposed_again_is_not_given_the_identifier_back_a_new_customer_is() {
        CustomerId next = CustomerId.firstSeenAs(PHONE, 1);
        assertThat(next).isNotEqualTo(CustomerId.firstSeenAs(PHONE)).isEqualTo(CustomerId.firstSeenAs(PHONE, 1));
        fixture.given(new IdentifierClaimedEvent(KEY, PHONE, ANN, NOW), new IdentifierReleasedEvent(KEY, PHONE, ANN, "erased", NOW))
                .when(new ClaimIdentifierCommand(PHONE, ANN))
                .expectEvents(new IdentifierClaimedEvent(KEY, PHONE, next, NOW))
                .expectResultMessagePayload(new IdentifierOwnership(PHONE, next, next, true));
    }
}
