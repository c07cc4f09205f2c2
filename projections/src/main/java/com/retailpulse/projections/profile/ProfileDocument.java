package com.retailpulse.projections.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The customer's document in the {@code profiles} index. Immutable: each event yields a new one.
 * {@code lastSequence} is the aggregate sequence number of the last event applied, which makes
 * redelivered events (after a crash, before the token was stored) harmless.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProfileDocument(
        String customerId,
        List<String> identifiers,
        Instant firstSeenAt,
        Orders orders,
        long lastSequence,
        Instant lastEventAt,
        Instant updatedAt) {

    /**
     * Order facts. RFM raw values derive from them: frequency = count, monetary = revenue − refunded
     * (net of cancellations and returns), recency from lastOrderAt.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Orders(long count, BigDecimal revenue, String currency, BigDecimal averageOrderValue,
                         Instant firstOrderAt, Instant lastOrderAt, long cancelled, BigDecimal refunded) {
        static final Orders NONE = new Orders(0, BigDecimal.ZERO, null, BigDecimal.ZERO, null, null, 0, BigDecimal.ZERO);

        public Orders {
            refunded = refunded == null ? BigDecimal.ZERO : refunded;
        }

        public BigDecimal netRevenue() {
            return revenue.subtract(refunded);
        }
    }

    public static ProfileDocument empty(String customerId) {
        return new ProfileDocument(customerId, List.of(), null, Orders.NONE, -1, null, null);
    }

    ProfileDocument created(CustomerCreatedEvent event) {
        List<String> ids = new ArrayList<>(identifiers);
        if (!ids.contains(event.identifier().key())) {
            ids.add(event.identifier().key());
        }
        return new ProfileDocument(customerId, List.copyOf(ids), event.firstSeenAt(), orders, lastSequence, lastEventAt, updatedAt);
    }

    ProfileDocument withOrder(OrderPlacedEvent event) {
        long count = orders.count() + 1;
        BigDecimal revenue = orders.revenue().add(event.total());
        Instant first = orders.firstOrderAt() == null || event.placedAt().isBefore(orders.firstOrderAt())
                ? event.placedAt() : orders.firstOrderAt();
        // Sources deliver late orders: the last order is the latest placedAt, not the latest event.
        Instant last = orders.lastOrderAt() == null || event.placedAt().isAfter(orders.lastOrderAt())
                ? event.placedAt() : orders.lastOrderAt();
        BigDecimal aov = revenue.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        String currency = orders.currency() == null ? event.currency() : orders.currency();
        return new ProfileDocument(customerId, identifiers, firstSeenAt,
                new Orders(count, revenue, currency, aov, first, last, orders.cancelled(), orders.refunded()),
                lastSequence, lastEventAt, updatedAt);
    }

    ProfileDocument withCancellation(OrderCancelledEvent event) {
        String currency = orders.currency() == null ? event.currency() : orders.currency();
        return new ProfileDocument(customerId, identifiers, firstSeenAt,
                new Orders(orders.count(), orders.revenue(), currency, orders.averageOrderValue(), orders.firstOrderAt(),
                        orders.lastOrderAt(), orders.cancelled() + 1, orders.refunded().add(event.refund())),
                lastSequence, lastEventAt, updatedAt);
    }

    ProfileDocument applied(long sequence, Instant eventAt, Instant now) {
        return new ProfileDocument(customerId, identifiers, firstSeenAt, orders, sequence, eventAt, now);
    }
}
