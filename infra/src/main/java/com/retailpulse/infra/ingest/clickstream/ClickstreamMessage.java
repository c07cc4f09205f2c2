package com.retailpulse.infra.ingest.clickstream;

import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.CustomerInteraction;
import com.retailpulse.contracts.customer.OrderLine;

import java.time.Instant;
import java.util.List;

/**
 * One clickstream message after mapping: who (every identifier it names) and what they did,
 * either an interaction or an order (placed or cancelled). {@code identify}: an identify message,
 * whose interaction is the custom "Identify" event.
 */
record ClickstreamMessage(String messageId, List<CustomerIdentifier> identifiers, CustomerInteraction interaction,
                          Order order, boolean identify) {

    ClickstreamMessage {
        identifiers = List.copyOf(identifiers);
    }

    boolean isIdentify() {
        return identify;
    }

    /**
     * "Order Completed" ({@code cancelled} false) or "Order Refunded"/"Order Cancelled"; the id is
     * the order_id, so the order (or its cancellation) is recorded once whichever source reports it.
     */
    record Order(boolean cancelled, String orderId, Instant at, String currency, List<OrderLine> lines, String channel) {
        Order {
            lines = List.copyOf(lines);
        }
    }
}
