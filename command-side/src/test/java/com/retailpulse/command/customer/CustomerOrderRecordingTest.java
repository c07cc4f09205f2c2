package com.retailpulse.command.customer;

import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

class CustomerOrderRecordingTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final CustomerIdentifier MEMBER = CustomerIdentifier.parse("member:12347");
    private static final CustomerId ID = CustomerId.firstSeenAs(MEMBER);
    private static final List<OrderLine> LINES = List.of(
            new OrderLine("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, new BigDecimal("2.55")),
            new OrderLine("71053", "WHITE METAL LANTERN", 2, new BigDecimal("3.39")));
    private static final Instant PLACED = Instant.parse("2026-11-20T10:15:00Z");

    private AggregateTestFixture<Customer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RecordOrderCommand order(String orderId) {
        return new RecordOrderCommand(ID, MEMBER, orderId, PLACED, "GBP", LINES, "pos", "store-1");
    }

    private static OrderPlacedEvent placed(String orderId) {
        return new OrderPlacedEvent(ID, orderId, PLACED, "GBP", LINES, new BigDecimal("22.08"), "pos", "store-1");
    }

    @Test
    void a_first_order_from_an_unknown_identifier_creates_the_customer_and_records_the_order() {
        fixture.givenNoPriorActivity()
                .when(order("536365"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(new CustomerCreatedEvent(ID, MEMBER, NOW), placed("536365"));
    }

    @Test
    void a_known_customer_gets_the_order_added_without_being_created_again() {
        fixture.given(new CustomerCreatedEvent(ID, MEMBER, NOW), placed("536365"))
                .when(order("536366"))
                .expectResultMessagePayload(true)
                .expectEvents(placed("536366"));
    }

    @Test
    void the_same_order_sent_twice_is_recorded_once() {
        fixture.given(new CustomerCreatedEvent(ID, MEMBER, NOW), placed("536365"))
                .when(order("536365"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }
}
