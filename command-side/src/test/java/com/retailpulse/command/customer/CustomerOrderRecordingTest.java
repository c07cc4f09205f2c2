package com.retailpulse.command.customer;

import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.RecordOrderCancellationCommand;
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

    private static RecordOrderCancellationCommand cancellation(String id) {
        return new RecordOrderCancellationCommand(ID, MEMBER, id, PLACED.plusSeconds(3600), "GBP",
                List.of(new OrderLine("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2, new BigDecimal("2.55"))), "pos", "store-1");
    }

    private static OrderCancelledEvent cancelled(String id) {
        return new OrderCancelledEvent(ID, id, PLACED.plusSeconds(3600), "GBP",
                List.of(new OrderLine("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2, new BigDecimal("2.55"))),
                new BigDecimal("5.10"), "pos", "store-1");
    }

    @Test
    void a_return_is_recorded_with_the_value_of_the_goods_taken_back() {
        fixture.given(new CustomerCreatedEvent(ID, MEMBER, NOW), placed("536365"))
                .when(cancellation("C536379"))
                .expectResultMessagePayload(true)
                .expectEvents(cancelled("C536379"));
    }

    @Test
    void a_return_from_a_customer_never_seen_before_creates_the_customer() {
        fixture.givenNoPriorActivity()
                .when(cancellation("C536379"))
                .expectEvents(new CustomerCreatedEvent(ID, MEMBER, NOW), cancelled("C536379"));
    }

    @Test
    void the_same_return_sent_twice_is_recorded_once() {
        fixture.given(new CustomerCreatedEvent(ID, MEMBER, NOW), cancelled("C536379"))
                .when(cancellation("C536379"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }
}
