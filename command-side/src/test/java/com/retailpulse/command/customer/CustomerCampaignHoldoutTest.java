package com.retailpulse.command.customer;

import com.retailpulse.contracts.campaign.CampaignId;
import com.retailpulse.contracts.customer.CampaignHoldoutAssignedEvent;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.RecordCampaignHoldoutCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class CustomerCampaignHoldoutTest {

    private static final Instant T0 = Instant.parse("2026-11-11T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-11T10:00:01Z");
    private static final CustomerIdentifier MEMBER = CustomerIdentifier.parse("member:M-77");
    private static final CustomerId ID = CustomerId.firstSeenAs(MEMBER);
    private static final CustomerCreatedEvent CREATED = new CustomerCreatedEvent(ID, MEMBER, T0);
    private static final CampaignId SINGLES_DAY = new CampaignId("singles-day");
    private static final CampaignId SPRING = new CampaignId("spring-sale");

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_customer_held_out_of_a_campaign_has_it_recorded_with_the_time_of_the_decision() {
        fixture.given(CREATED)
                .when(new RecordCampaignHoldoutCommand(ID, SINGLES_DAY))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new CampaignHoldoutAssignedEvent(ID, SINGLES_DAY, NOW));
    }

    @Test
    void a_re_run_batch_does_not_record_the_holdout_twice() {
        fixture.given(CREATED, new CampaignHoldoutAssignedEvent(ID, SINGLES_DAY, T0))
                .when(new RecordCampaignHoldoutCommand(ID, SINGLES_DAY))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void each_campaign_holds_the_customer_out_on_its_own() {
        fixture.given(CREATED, new CampaignHoldoutAssignedEvent(ID, SINGLES_DAY, T0))
                .when(new RecordCampaignHoldoutCommand(ID, SPRING))
                .expectResultMessagePayload(true)
                .expectEvents(new CampaignHoldoutAssignedEvent(ID, SPRING, NOW));
    }
}
