package com.retailpulse.projections.profile;

import com.retailpulse.contracts.customer.CartItemAddedEvent;
import com.retailpulse.contracts.customer.ConsentGivenEvent;
import com.retailpulse.contracts.customer.ConsentWithdrawnEvent;
import com.retailpulse.contracts.customer.MemberProfileRecordedEvent;
import com.retailpulse.contracts.customer.PersonalDataErasedEvent;
import com.retailpulse.contracts.customer.CartItemRemovedEvent;
import com.retailpulse.contracts.customer.CartViewedEvent;
import com.retailpulse.contracts.customer.CheckoutStartedEvent;
import com.retailpulse.contracts.customer.CustomEventRecordedEvent;
import com.retailpulse.contracts.customer.CustomerCreatedEvent;
import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.CustomerMergedIntoEvent;
import com.retailpulse.contracts.customer.CustomerRestoredEvent;
import com.retailpulse.contracts.customer.CustomerUnmergedEvent;
import com.retailpulse.contracts.customer.CustomersMergedEvent;
import com.retailpulse.contracts.customer.IdentifierLinkedEvent;
import com.retailpulse.contracts.customer.LoggedInEvent;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.PageViewedEvent;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.ProductViewedEvent;
import com.retailpulse.contracts.customer.CustomerScoredEvent;
import com.retailpulse.contracts.customer.SegmentEnteredEvent;
import com.retailpulse.contracts.customer.SegmentLeftEvent;
import com.retailpulse.contracts.customer.SocialInteractedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayToken;
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
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Keeps each customer's profile document in Elasticsearch current. A batch of events is applied
 * in memory and written in one bulk request after its last event, before the processor stores the
 * batch's token: the token store (MongoDB) is not transactional, so a write that fails after the
 * token moved would lose the batch for this read model.
 *
 * <p>No reset handler: a replay is a rebuild into a new index behind the write alias (ADR 0024, {@link ProfileIndex}),
 * which starts empty, while queries keep reading the old one.
 */
@Component
@ProcessingGroup(CustomerProfileProjection.PROCESSING_GROUP)
public class CustomerProfileProjection {

    public static final String PROCESSING_GROUP = "customer-profiles";
    private static final String BATCH_RESOURCE = CustomerProfileProjection.class.getName() + ".batch";

    private final ProfileIndex profiles;
    private final Clock clock;
    private final TagSettings settings;
    private final ProductCatalogue catalogue;
    private final ScenarioTags scenarios;
    private final Segments segments;
    private final SegmentMembershipRecorder memberships;
    private final ContextData context;

    public CustomerProfileProjection(ProfileIndex profiles, Clock clock, TagSettings settings, ProductCatalogue catalogue,
                                     ScenarioTags scenarios, Segments segments, SegmentMembershipRecorder memberships,
                                     ContextData context) {
        this.segments = segments;
        this.memberships = memberships;
        this.profiles = profiles;
        this.clock = clock;
        this.settings = settings;
        this.catalogue = catalogue;
        this.scenarios = scenarios;
        this.context = context;
    }

    @EventHandler
    void on(CustomerCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> {
            part.identifiers.add(event.identifier().key());
            part.firstSeenAt = event.firstSeenAt();
        });
    }

    @EventHandler
    void on(IdentifierLinkedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.identifiers.add(event.identifier().key()));
    }

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.facts.order(event.placedAt(), event.currency(), event.lines(),
                event.total(), event.channel(), catalogue::find, settings.zone()));
    }

    @EventHandler
    void on(OrderCancelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.facts.cancellation(event.cancelledAt(), event.currency(), event.refund(),
                event.channel(), settings.zone()));
    }

    @EventHandler
    void on(ProductViewedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.facts.productInteraction("view", event.occurredAt(), event.channel(),
                withCatalogue(event.product()), settings.zone()));
    }

    @EventHandler
    void on(CartItemAddedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.facts.productInteraction("cart_add", event.occurredAt(), event.channel(),
                withCatalogue(event.product()), settings.zone()));
    }

    @EventHandler
    void on(CartItemRemovedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.facts.productInteraction("cart_remove", event.occurredAt(), event.channel(),
                withCatalogue(event.product()), settings.zone()));
    }

    @EventHandler
    void on(CartViewedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.facts.interaction("cart_view", event.occurredAt(), event.channel(), settings.zone()));
    }

    @EventHandler
    void on(CheckoutStartedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.facts.interaction("checkout", event.occurredAt(), event.channel(), settings.zone()));
    }

    @EventHandler
    void on(PageViewedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String kind = "screen".equals(event.kind()) ? "screen" : "page";
        apply(event, sequence, at, part -> part.facts.interaction(kind, event.occurredAt(), event.channel(), settings.zone()));
    }

    @EventHandler
    void on(LoggedInEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.facts.interaction("login", event.occurredAt(), event.channel(), settings.zone()));
    }

    @EventHandler
    void on(SocialInteractedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String kind = "social_" + event.action().name().toLowerCase(Locale.ROOT);
        apply(event, sequence, at, part -> part.facts.interaction(kind, event.occurredAt(), event.platform(), settings.zone()));
    }

    @EventHandler
    void on(CustomEventRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> {
            part.facts.interaction("custom", event.occurredAt(), event.channel(), settings.zone());
            part.facts.custom(event.name(), event.occurredAt(), settings.zone());
        });
    }

    @EventHandler
    void on(MemberProfileRecordedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.attributes.member(event));
    }

    @EventHandler
    void on(PersonalDataErasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> {
            part.identifiers.clear();
            part.attributes.erased();
        });
    }

    @EventHandler
    void on(ConsentGivenEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.attributes.consent(event.channel().code(), event.purpose().code(), true,
                event.at(), event.source()));
    }

    @EventHandler
    void on(ConsentWithdrawnEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.attributes.consent(event.channel().code(), event.purpose().code(), false,
                event.at(), event.source()));
    }

    @EventHandler
    void on(CustomerMergedIntoEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        batch().move(event.customerId().value(), event.survivor().value(), sequence, at);
    }

    @EventHandler
    void on(CustomerRestoredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        batch().move(event.customerId().value(), null, sequence, at);
    }

    @EventHandler
    void on(CustomersMergedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> { });
        batch().changeDocument(event.customerId().value(), at, doc -> doc.merged(new ProfileDocument.Merge(event.mergeId(),
                event.absorbed().value(), event.members().stream().map(m -> m.customerId().value()).toList(),
                event.reason(), event.mergedAt(), null, null)));
    }

    @EventHandler
    void on(SegmentEnteredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> { });
        batch().changeDocument(event.customerId().value(), at,
                doc -> doc.entered(event.segment(), event.version(), event.enteredAt()));
    }

    @EventHandler
    void on(SegmentLeftEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> { });
        batch().changeDocument(event.customerId().value(), at, doc -> doc.left(event.segment()));
    }

    @EventHandler
    void on(CustomerScoredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> part.scores.put(event.model(),
                new ModelScore(event.version(), event.values(), event.label(), event.scoredAt())));
    }

    @EventHandler
    void on(CustomerUnmergedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        apply(event, sequence, at, part -> { });
        batch().changeDocument(event.customerId().value(), at,
                doc -> doc.unmerged(event.mergeId(), event.unmergedAt(), event.reason()));
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

    private void apply(CustomerEvent event, long sequence, Instant at, Consumer<ProfilePart> change) {
        batch().apply(event.customerId().value(), sequence, at, change);
    }

    /** A product as the event named it, completed with the catalogue's category and brand. */
    private ProductRef withCatalogue(ProductRef product) {
        if (product.category() != null && product.brand() != null) {
            return product;
        }
        ProductRef known = catalogue.find(product.sku());
        return known == null ? product : new ProductRef(product.sku(), product.name(),
                product.category() != null ? product.category() : known.category(),
                product.brand() != null ? product.brand() : known.brand(), product.price());
    }

    /**
     * A batch held in memory, with the clock at {@code asOf}, that records no membership: for a profile as of a
     * past moment, built by these same handlers ({@link ProfileAsOf}).
     */
    ProfileBatch inMemoryBatch(Clock asOf) {
        Map<String, ProfileIndex.Versioned> memory = new java.util.HashMap<>();
        ProfileBatch.Store store = new ProfileBatch.Store() {
            @Override
            public Map<String, ProfileIndex.Versioned> load(java.util.Collection<String> customerIds) {
                Map<String, ProfileIndex.Versioned> out = new java.util.HashMap<>();
                customerIds.forEach(id -> out.put(id, memory.computeIfAbsent(id,
                        k -> new ProfileIndex.Versioned(ProfileDocument.empty(k), null, null))));
                return out;
            }

            @Override
            public void write(java.util.Collection<ProfileIndex.Versioned> documents) {
                throw new UnsupportedOperationException("a profile as of a past moment is never written");
            }
        };
        return new ProfileBatch(store, asOf, settings, scenarios, segments, memberships, context, true);
    }

    static String batchResource() {
        return BATCH_RESOURCE;
    }

    private ProfileBatch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH_RESOURCE, key -> {
            boolean replaying = root instanceof BatchingUnitOfWork<?> batchOfEvents
                    ? batchOfEvents.getMessages().stream().anyMatch(ReplayToken::isReplay)
                    : ReplayToken.isReplay(root.getMessage());
            ProfileBatch batch = new ProfileBatch(profiles, clock, settings, scenarios, segments, memberships, context, replaying);
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
