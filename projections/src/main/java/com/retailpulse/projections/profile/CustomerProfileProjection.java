package com.retailpulse.projections.profile;

import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Keeps each customer's profile document in Elasticsearch current. A batch of events is applied
 * in memory and written in one bulk request after its last event, before the processor stores the
 * batch's token: the token store (MongoDB) is not transactional, so a write that fails after the
 * token moved would lose the batch for this read model.
 */
@Component
@ProcessingGroup(CustomerProfileProjection.PROCESSING_GROUP)
public class CustomerProfileProjection {

    public static final String PROCESSING_GROUP = "customer-profiles";
    private static final String BATCH_RESOURCE = CustomerProfileProjection.class.getName() + ".batch";

    private final ProfileIndex profiles;
    private final Clock clock;

    public CustomerProfileProjection(ProfileIndex profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    @EventHandler
    void on(CustomerCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.customerId().value(), sequence, at, p -> p.created(event));
    }

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.customerId().value(), sequence, at, p -> p.withOrder(event));
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.customerId().value(), sequence, at, p -> p.withCancellation(event));
    }

    /**
     * The processor-level interceptor that writes the batch once its last event is handled. Axon
     * stores the token in a prepare-commit callback registered before any handler runs, so flushing
     * at prepare-commit would come too late. It must be registered on the processor (not in this
     * component), so a failed write fails the whole batch instead of being dead-lettered as one event.
     */
    public static MessageHandlerInterceptor<EventMessage<?>> flushAfterLastEvent() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            UnitOfWork<?> root = unitOfWork.root();
            if (!(root instanceof BatchingUnitOfWork<?> batchOfEvents) || batchOfEvents.isLastMessage()) {
                ProfileBatch batch = root.getResource(BATCH_RESOURCE);
                if (batch != null) {
                    batch.flush();
                }
            }
            return result;
        };
    }

    @ResetHandler
    void reset() {
        profiles.deleteAll();
    }

    private void update(String customerId, long sequence, Instant at, UnaryOperator<ProfileDocument> change) {
        batch().apply(customerId, sequence, at, change);
    }

    private ProfileBatch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH_RESOURCE, key -> {
            ProfileBatch batch = new ProfileBatch(profiles, clock);
            // A streaming processor hands over its whole batch: read every profile it touches at once.
            if (root instanceof BatchingUnitOfWork<?> batchOfEvents) {
                batch.preload(batchOfEvents.getMessages().stream()
                        .map(Message::getPayload)
                        .filter(CustomerEvent.class::isInstance)
                        .map(e -> ((CustomerEvent) e).customerId().value())
                        .collect(Collectors.toSet()));
            }
            // Normally already flushed after the last event (see flushAfterLastEvent); this catches a
            // batch whose last event is not one this projection handles.
            root.onPrepareCommit(u -> batch.flush());
            return batch;
        });
    }
}
