package com.retailpulse.infra.models;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.intelligence.data.Purchase;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
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
    private final ElasticsearchClient elasticsearch;
    private final ProfileIndex profiles;

    EventStorePurchases(EventStore events, ElasticsearchClient elasticsearch, ProfileIndex profiles) {
        this.events = events;
        this.elasticsearch = elasticsearch;
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
                    String customer = survivors.getOrDefault(order.customerId().value(), order.customerId().value());
                    for (OrderLine line : order.lines()) {
                        if (line.quantity() > 0 && line.unitPrice().signum() >= 0) {
                            purchases.add(new Purchase(customer, order.orderId(), order.placedAt(), line.sku(), line.quantity(),
                                    line.unitPrice().doubleValue()));
                        }
                    }
                    first = first == null || order.placedAt().isBefore(first) ? order.placedAt() : first;
                    last = last == null || order.placedAt().isAfter(last) ? order.placedAt() : last;
                } else if (payload instanceof OrderCancelledEvent cancel && cancel.cancelledAt().isBefore(until)) {
                    String customer = survivors.getOrDefault(cancel.customerId().value(), cancel.customerId().value());
                    for (OrderLine line : cancel.lines()) {
                        if (line.quantity() > 0 && line.unitPrice().signum() >= 0) {
                            purchases.add(new Purchase(customer, cancel.cancellationId(), cancel.cancelledAt(), line.sku(),
                                    -line.quantity(), line.unitPrice().doubleValue()));
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reading the event store was interrupted", e);
        }
        progress.accept(read);
        return new Read(purchases, read, first, last);
    }

    /** Records merged into another customer → that customer (the profiles know; merges are rare). */
    private Map<String, String> survivors() {
        Map<String, String> survivors = new HashMap<>();
        try {
            List<FieldValue> after = null;
            while (true) {
                final List<FieldValue> from = after;
                var page = elasticsearch.search(s -> {
                    s.index(profiles.name()).size(1000).query(q -> q.exists(e -> e.field("mergedInto")))
                            .source(src -> src.filter(f -> f.includes("customerId", "mergedInto")))
                            .sort(so -> so.field(f -> f.field("customerId")));
                    if (from != null) {
                        s.searchAfter(from);
                    }
                    return s;
                }, ProfileDocument.class);
                var hits = page.hits().hits();
                hits.forEach(h -> survivors.put(h.id(), h.source().mergedInto()));
                if (hits.size() < 1000) {
                    return survivors;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read merged records", e);
        }
    }
}
