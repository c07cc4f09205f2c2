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
 * in memory and written in one bulk request when the batch commits, just before its token moves.
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
            root.onPrepareCommit(u -> batch.flush());
            return batch;
        });
    }
}
