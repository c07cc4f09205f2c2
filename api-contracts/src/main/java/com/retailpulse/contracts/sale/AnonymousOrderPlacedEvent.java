package com.retailpulse.contracts.sale;

import com.retailpulse.contracts.customer.OrderLine;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order without a known customer: it counts for products and stores, not for customers. */
@Revision("1")
public record AnonymousOrderPlacedEvent(SaleId saleId, String orderId, Instant placedAt, String currency,
                                        List<OrderLine> lines, BigDecimal total, String channel, String storeId)
        implements AnonymousSaleEvent {

    public AnonymousOrderPlacedEvent {
        lines = List.copyOf(lines);
    }
}
