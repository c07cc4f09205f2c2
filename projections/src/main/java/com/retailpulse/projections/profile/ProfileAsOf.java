package com.retailpulse.projections.profile;

import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.CustomersMergedEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's profile as it stood at a past moment (docs/audit.md): the events of the customer's records
 * stored up to that moment, applied by the live projection's own handlers to a profile held in memory, and
 * the tags derived with the clock at that moment. Records merged into the customer by then are included;
 * nothing is written and no segment membership is recorded.
 *
 * <p>Tags and segments are derived with the definitions in force now; the memberships the customer had
 * then are the ones its events recorded.
 */
@Component
public class ProfileAsOf {

    private final CustomerProfileProjection projection;
    private final AnnotationEventHandlerAdapter handlers;
    private final EventStore events;

    public ProfileAsOf(CustomerProfileProjection projection, EventStore events) {
        this.projection = projection;
        this.handlers = new AnnotationEventHandlerAdapter(projection);
        this.events = events;
    }

    /** The profile of {@code customerId} as of {@code at}; empty when no event of it was stored by then. */
    public Optional<ProfileDocument> asOf(String customerId, Instant at) {
        return asOf(customerId, at, false);
    }

    /**
     * The profile of {@code customerId} from the events that had happened by {@code at} in the customer's world
     * ({@link CustomerEvent#timeOf}: an imported 2011 order counts as of 2011, though stored today); what a
     * backtest of a past period sees.
     */
    public Optional<ProfileDocument> asOfBusinessTime(String customerId, Instant at) {
        return asOf(customerId, at, true);
    }

    private Optional<ProfileDocument> asOf(String customerId, Instant at, boolean businessTime) {
        List<DomainEventMessage<?>> history = history(customerId, at, businessTime);
        if (history.isEmpty()) {
            return Optional.empty();
        }
        ProfileBatch batch = projection.inMemoryBatch(Clock.fixed(at, ZoneOffset.UTC));
        for (DomainEventMessage<?> message : history) {
            DefaultUnitOfWork<DomainEventMessage<?>> unit = DefaultUnitOfWork.startAndGet(message);
            // The projection finds its batch on the root unit of work: when this runs inside another one (a
            // query's), that root is the outer unit, and it must hold this in-memory batch, never the index's.
            unit.root().resources().put(CustomerProfileProjection.batchResource(), batch);
            try {
                handlers.handle(message);
                unit.commit();
            } catch (Exception e) {
                if (unit.isActive()) {
                    unit.rollback(e);
                }
                throw new IllegalStateException("cannot apply " + message.getPayloadType().getSimpleName() + " "
                        + message.getIdentifier() + " to the profile of " + customerId + " as of " + at, e);
            }
        }
        return Optional.ofNullable(batch.derived().get(customerId));
    }

    /** The stored events of the customer's records up to {@code at}, in the order they were stored. */
    private List<DomainEventMessage<?>> history(String customerId, Instant at, boolean businessTime) {
        List<DomainEventMessage<?>> all = new ArrayList<>();
        Deque<String> records = new ArrayDeque<>(List.of(customerId));
        Set<String> seen = new HashSet<>();
        while (!records.isEmpty()) {
            String record = records.pop();
            if (!seen.add(record)) {
                continue;
            }
            events.readEvents(record).asStream().filter(m -> !timeOf(m, businessTime).isAfter(at)).forEach(m -> {
                all.add(m);
                if (m.getPayload() instanceof CustomersMergedEvent merged) {
                    records.add(merged.absorbed().value());
                    merged.members().forEach(member -> records.add(member.customerId().value()));
                }
            });
        }
        all.sort(Comparator.<DomainEventMessage<?>, Instant>comparing(m -> timeOf(m, businessTime))
                .thenComparing(DomainEventMessage::getAggregateIdentifier)
                .thenComparingLong(DomainEventMessage::getSequenceNumber));
        return all;
    }

    private static Instant timeOf(DomainEventMessage<?> message, boolean businessTime) {
        return businessTime && message.getPayload() instanceof CustomerEvent event
                ? CustomerEvent.timeOf(event, message.getTimestamp()) : message.getTimestamp();
    }
}
