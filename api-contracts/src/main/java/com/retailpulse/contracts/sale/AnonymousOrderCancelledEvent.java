package com.retailpulse.contracts.sale;

import com.retailpulse.contracts.customer.OrderLine;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Goods taken back without a known customer; lines carry positive quantities. */
@Revision("1")
public record AnonymousOrderCancelledEvent(SaleId saleId, String orderId, Instant cancelledAt, String currency,
                                           List<OrderLine> lines, BigDecimal refund, String channel, String storeId)
        implements AnonymousSaleEvent {

    public AnonymousOrderCancelledEvent {
        lines = List.copyOf(lines);
    }
}
