package com.retailpulse.infra.models;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.intelligence.data.Purchase;
import com.retailpulse.projections.profile.ProfileIndex;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Every purchased and returned line in the event store, as the models learn from them: read from the
 * recorded {@code OrderPlacedEvent}s and {@code OrderCancelledEvent}s (not from a read model), each
 * attributed to the customer its record belongs to now (merged records to their survivor), and only
 * those placed before {@code until}: a model trained as of a moment learns nothing after it.
 */
@Component
public class EventStorePurchases {

    public record Read(List<Purchase> purchases, long eventsRead, Instant from, Instant to) {
    }

    private final EventStore events;
    private final ProfileIndex profiles;

    EventStorePurchases(EventStore events, ProfileIndex profiles) {
        this.events = events;
        this.profiles = profiles;
    }

    public Read readUntil(Instant until, LongConsumer progress) {
        Map<String, String> survivors = survivors();
        List<Purchase> purchases = new ArrayList<>();
        long read = 0;
        Instant first = null;
        Instant last = null;
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable()) {
                Object payload = stream.nextAvailable().getPayload();
                if (++read % 10_000 == 0) {
                    progress.accept(read);
                }
                if (payload instanceof OrderPlacedEvent order && order.placedAt().isBefore(until)) {
                    add(purchases, survivors, order.customerId().value(), order.orderId(), order.placedAt(), order.lines(), 1);
                    first = first == null || order.placedAt().isBefore(first) ? order.placedAt() : first;
                    last = last == null || order.placedAt().isAfter(last) ? order.placedAt() : last;
                } else if (payload instanceof OrderCancelledEvent cancel && cancel.cancelledAt().isBefore(until)) {
                    add(purchases, survivors, cancel.customerId().value(), cancel.cancellationId(), cancel.cancelledAt(),
                            cancel.lines(), -1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reading the event store was interrupted", e);
        }
        progress.accept(read);
        return new Read(purchases, read, first, last);
    }

    /**
     * The purchases of one customer: those recorded on each of its records (its own and those merged into
     * it), read from their event streams, all attributed to {@code customer}.
     */
    public List<Purchase> ofCustomer(String customer, Collection<String> records) {
        List<Purchase> purchases = new ArrayList<>();
        Map<String, String> all = Map.of();
        for (String record : records) {
            events.readEvents(record).asStream().forEach(message -> {
                Object payload = message.getPayload();
                if (payload instanceof OrderPlacedEvent order) {
                    add(purchases, all, customer, order.orderId(), order.placedAt(), order.lines(), 1);
                } else if (payload instanceof OrderCancelledEvent cancel) {
                    add(purchases, all, customer, cancel.cancellationId(), cancel.cancelledAt(), cancel.lines(), -1);
                }
            });
        }
        return purchases;
    }

    /** The lines bought ({@code sign} 1) or returned (−1), for the customer the record belongs to now. */
    private static void add(List<Purchase> purchases, Map<String, String> survivors, String record, String orderId, Instant at,
                            List<OrderLine> lines, int sign) {
        String customer = survivors.getOrDefault(record, record);
        for (OrderLine line : lines) {
            if (line.quantity() > 0 && line.unitPrice().signum() >= 0) {
                purchases.add(new Purchase(customer, orderId, at, line.sku(), sign * line.quantity(), line.unitPrice().doubleValue()));
            }
        }
    }

    /** Records merged into another customer → that customer (the profiles know; merges are rare). */
    private Map<String, String> survivors() {
        Map<String, String> survivors = new HashMap<>();
        profiles.scan(Query.of(q -> q.exists(e -> e.field("mergedInto"))), 1000, List.of("customerId", "mergedInto"), List.of(),
                page -> page.forEach(doc -> survivors.put(doc.customerId(), doc.mergedInto())));
        return survivors;
    }
}
