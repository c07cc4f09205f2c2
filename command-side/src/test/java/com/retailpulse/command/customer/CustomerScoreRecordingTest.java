package com.retailpulse.command.customer;

import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerScoredEvent;
import com.retailpulse.contracts.customer.RecordCustomerScoreCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerScoreRecordingTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-21T10:00:00Z");
    private static final CustomerIdentifier MEMBER = CustomerIdentifier.parse("member:M-9");
    private static final CustomerId ID = CustomerId.firstSeenAs(MEMBER);
    private static final CustomerCreatedEvent CREATED = new CustomerCreatedEvent(ID, MEMBER, NOW);

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RecordCustomerScoreCommand churn(int version, double probability, Instant at) {
        return new RecordCustomerScoreCommand(ID, "churn", version, Map.of("probability", probability), null, at);
    }

    @Test
    void a_first_score_is_recorded_with_the_model_version() {
        fixture.given(CREATED)
                .when(churn(2, 0.61, T1))
                .expectResultMessagePayload(true)
                .expectEvents(new CustomerScoredEvent(ID, "churn", 2, Map.of("probability", 0.61), null, T1));
    }

    @Test
    void the_same_score_by_the_same_version_is_not_recorded_again() {
        fixture.given(CREATED, new CustomerScoredEvent(ID, "churn", 2, Map.of("probability", 0.61), null, T1))
                .when(churn(2, 0.61, T2))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_changed_score_or_a_new_version_is_recorded() {
        fixture.given(CREATED, new CustomerScoredEvent(ID, "churn", 2, Map.of("probability", 0.61), null, T1))
                .when(churn(2, 0.35, T2))
                .expectEvents(new CustomerScoredEvent(ID, "churn", 2, Map.of("probability", 0.35), null, T2));
        fixture.given(CREATED, new CustomerScoredEvent(ID, "churn", 2, Map.of("probability", 0.61), null, T1))
                .when(churn(3, 0.61, T2))
                .expectEvents(new CustomerScoredEvent(ID, "churn", 3, Map.of("probability", 0.61), null, T2));
    }

    @Test
    void a_score_older_than_the_last_recorded_one_is_ignored() {
        fixture.given(CREATED, new CustomerScoredEvent(ID, "churn", 2, Map.of("probability", 0.61), null, T2))
                .when(churn(2, 0.9, T1))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void scores_of_different_models_are_kept_apart() {
        fixture.given(CREATED, new CustomerScoredEvent(ID, "churn", 2, Map.of("probability", 0.61), null, T1))
                .when(new RecordCustomerScoreCommand(ID, "clusters", 1, Map.of("index", 0.0), "Recent, frequent big spenders", T1))
                .expectEvents(new CustomerScoredEvent(ID, "clusters", 1, Map.of("index", 0.0), "Recent, frequent big spenders", T1));
    }

    @Test
    void a_score_that_is_not_a_number_is_refused() {
        assertThatThrownBy(() -> churn(1, Double.NaN, T1)).hasMessageContaining("finite");
    }
}
