package com.retailpulse.command.customer;

import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.LoggedInEvent;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.ProductViewedEvent;
import com.retailpulse.contracts.customer.RecordInteractionCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

class CustomerInteractionRecordingTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant AT = Instant.parse("2026-11-24T07:59:00Z");
    private static final CustomerIdentifier DEVICE = CustomerIdentifier.parse("device:ios-42");
    private static final CustomerId ID = CustomerId.firstSeenAs(DEVICE);
    private static final ProductRef FAN = new ProductRef("FAN-1", "Desk fan", "fans", "Midea", null);

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RecordInteractionCommand view(String messageId) {
        return new RecordInteractionCommand(ID, DEVICE, new CustomerInteraction.ProductView(messageId, AT, "app", FAN));
    }

    @Test
    void a_first_interaction_from_an_unknown_device_creates_the_customer_and_records_it() {
        fixture.givenNoPriorActivity()
                .when(view("m-1"))
                .expectResultMessagePayload(true)
                .expectEvents(new CustomerCreatedEvent(ID, DEVICE, NOW), new ProductViewedEvent(ID, "m-1", AT, "app", FAN));
    }

    @Test
    void a_redelivered_message_id_records_nothing() {
        fixture.given(new CustomerCreatedEvent(ID, DEVICE, NOW), new ProductViewedEvent(ID, "m-1", AT, "app", FAN))
                .when(view("m-1"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_different_kind_of_interaction_with_an_old_id_is_still_a_duplicate() {
        fixture.given(new CustomerCreatedEvent(ID, DEVICE, NOW), new LoggedInEvent(ID, "m-7", AT, "app"))
                .when(view("m-7"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void only_the_most_recent_ids_are_remembered_so_the_state_stays_bounded() {
        List<Object> history = new ArrayList<>();
        history.add(new CustomerCreatedEvent(ID, DEVICE, NOW));
        for (int i = 0; i <= Customer.REMEMBERED_INTERACTIONS; i++) {
            history.add(new LoggedInEvent(ID, "login-" + i, AT, "app"));
        }
        fixture.given(history)
                .when(new RecordInteractionCommand(ID, DEVICE, new CustomerInteraction.Login("login-0", AT, "app")))
                .expectResultMessagePayload(true);
        fixture.given(history)
                .when(new RecordInteractionCommand(ID, DEVICE, new CustomerInteraction.Login("login-1", AT, "app")))
                .expectResultMessagePayload(false);
    }
}
