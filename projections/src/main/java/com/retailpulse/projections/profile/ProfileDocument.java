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
import java.util.TreeSet;

/**
 * The customer's document in the {@code profiles} index. Immutable: each event yields a new one.
 * {@code appliedThrough} and {@code appliedAbove} record which of the customer's events (by aggregate
 * sequence number) the document contains: every number up to {@code appliedThrough}, and the few
 * above it in {@code appliedAbove}. So an event delivered again (after a crash, before the token was
 * stored) is recognised, and one delivered late (a gap in the store's global order that filled after
 * later events were read) is still applied. All the aggregations here commute, so order does not matter.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProfileDocument(
        String customerId,
        List<String> identifiers,
        Instant firstSeenAt,
        Orders orders,
        long appliedThrough,
        List<Long> appliedAbove,
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
        return new ProfileDocument(customerId, List.of(), null, Orders.NONE, -1, List.of(), null, null);
    }

    ProfileDocument created(CustomerCreatedEvent event) {
        List<String> ids = new ArrayList<>(identifiers);
        if (!ids.contains(event.identifier().key())) {
            ids.add(event.identifier().key());
        }
        return new ProfileDocument(customerId, List.copyOf(ids), event.firstSeenAt(), orders, appliedThrough, appliedAbove, lastEventAt, updatedAt);
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
                appliedThrough, appliedAbove, lastEventAt, updatedAt);
    }

    ProfileDocument withCancellation(OrderCancelledEvent event) {
        String currency = orders.currency() == null ? event.currency() : orders.currency();
        return new ProfileDocument(customerId, identifiers, firstSeenAt,
                new Orders(orders.count(), orders.revenue(), currency, orders.averageOrderValue(), orders.firstOrderAt(),
                        orders.lastOrderAt(), orders.cancelled() + 1, orders.refunded().add(event.refund())),
                appliedThrough, appliedAbove, lastEventAt, updatedAt);
    }

    public ProfileDocument {
        appliedAbove = appliedAbove == null ? List.of() : List.copyOf(appliedAbove);
    }

    boolean hasApplied(long sequence) {
        return sequence <= appliedThrough || appliedAbove.contains(sequence);
    }

    ProfileDocument applied(long sequence, Instant eventAt, Instant now) {
        TreeSet<Long> above = new TreeSet<>(appliedAbove);
        above.add(sequence);
        long through = appliedThrough;
        while (above.remove(through + 1)) {
            through++;
        }
        Instant latest = lastEventAt == null || eventAt.isAfter(lastEventAt) ? eventAt : lastEventAt;
        return new ProfileDocument(customerId, identifiers, firstSeenAt, orders, through, List.copyOf(above), latest, now);
    }
}
