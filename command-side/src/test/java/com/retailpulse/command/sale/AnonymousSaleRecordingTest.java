package com.retailpulse.command.sale;

import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.sale.AnonymousOrderCancelledEvent;
import com.retailpulse.contracts.sale.AnonymousOrderPlacedEvent;
import com.retailpulse.contracts.sale.RecordAnonymousSaleCommand;
import com.retailpulse.contracts.sale.SaleId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

class AnonymousSaleRecordingTest {

    private static final SaleId SALE = SaleId.of("pos-import", "536414");
    private static final Instant AT = Instant.parse("2010-12-01T11:52:00Z");
    private static final List<OrderLine> LINES = List.of(new OrderLine("22139", "", 56, new BigDecimal("0.00")),
            new OrderLine("21756", "BATH BUILDING BLOCK WORD", 3, new BigDecimal("5.95")));

    private AggregateTestFixture<AnonymousSale> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AnonymousSale.class);
    }

    @Test
    void a_sale_without_a_customer_is_recorded_with_its_total() {
        fixture.givenNoPriorActivity()
                .when(new RecordAnonymousSaleCommand(SALE, "536414", AT, "GBP", LINES, false, "pos", null))
                .expectResultMessagePayload(true)
                .expectEvents(new AnonymousOrderPlacedEvent(SALE, "536414", AT, "GBP", LINES, new BigDecimal("17.85"), "pos", null));
    }

    @Test
    void an_anonymous_return_is_recorded_as_a_cancellation() {
        fixture.givenNoPriorActivity()
                .when(new RecordAnonymousSaleCommand(SALE, "536414", AT, "GBP", LINES, true, "pos", null))
                .expectEvents(new AnonymousOrderCancelledEvent(SALE, "536414", AT, "GBP", LINES, new BigDecimal("17.85"), "pos", null));
    }

    @Test
    void the_same_sale_imported_twice_is_recorded_once() {
        fixture.given(new AnonymousOrderPlacedEvent(SALE, "536414", AT, "GBP", LINES, new BigDecimal("17.85"), "pos", null))
                .when(new RecordAnonymousSaleCommand(SALE, "536414", AT, "GBP", LINES, false, "pos", null))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }
}
