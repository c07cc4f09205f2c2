package com.retailpulse.projections.interaction;

import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.MessageClickedEvent;
import com.retailpulse.contracts.customer.MessageDeliveredEvent;
import com.retailpulse.contracts.customer.MessageFailedEvent;
import com.retailpulse.contracts.customer.MessageOpenedEvent;
import com.retailpulse.contracts.customer.MessageSuppressedEvent;
import com.retailpulse.contracts.customer.OrderLine;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.ProductRef;
import com.retailpulse.contracts.customer.SegmentEnteredEvent;
import com.retailpulse.contracts.customer.SegmentLeftEvent;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.contracts.offer.CouponIssuedEvent;
import com.retailpulse.contracts.offer.CouponRedeemedEvent;
import com.retailpulse.projections.profile.ProductCatalogue;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Writes the {@link InteractionFacts} (docs/dashboards.md) from customers' message, order and segment
 * events and offers' coupon events. A batch is collected in memory and written in one bulk request after
 * its last event, before the processor stores its token (as the profile projection does).
 *
 * <p>Conversion rule: an order converts for the message delivered to the same customer record last at or
 * before the order was placed, if that delivery is within the conversion window before the order; the order
 * document carries that message's dimensions. Orders without such a message are kept, unattributed.
 *
 * <p>No reset handler: a rebuild replays into a new index behind the write alias while the read alias keeps
 * the old one (ADR 0024); nothing is deleted before the new index is complete.
 */
@Component
@ProcessingGroup(InteractionFactsProjection.PROCESSING_GROUP)
public class InteractionFactsProjection {

    public static final String PROCESSING_GROUP = "interaction-facts";
    private static final String BATCH_RESOURCE = InteractionFactsProjection.class.getName() + ".batch";
    /** The customer events handled here: only their customers' documents are read ahead for a batch. */
    private static final java.util.Set<Class<?>> HANDLED = java.util.Set.of(MessageAcceptedEvent.class, MessageSuppressedEvent.class,
            MessageDeliveredEvent.class, MessageOpenedEvent.class, MessageClickedEvent.class, MessageFailedEvent.class,
            OrderPlacedEvent.class, SegmentEnteredEvent.class, SegmentLeftEvent.class);

    private final InteractionFacts facts;
    private final ProductCatalogue catalogue;

    public InteractionFactsProjection(InteractionFacts facts, ProductCatalogue catalogue) {
        this.facts = facts;
        this.catalogue = catalogue;
    }

    @EventHandler
    void on(MessageAcceptedEvent event, @SequenceNumber long sequence) {
        MessageRequest request = event.request();
        customer(event, sequence, c -> {
            Map<String, Object> doc = dimensions(request.source(), request.channel().code(), c.segments);
            doc.put("type", InteractionFacts.MESSAGE);
            doc.put("messageId", request.messageId().value());
            doc.put("customerId", event.customerId().value());
            doc.put("acceptedAt", event.acceptedAt().toString());
            putIfPresent(doc, "storeId", c.homeStore);
            putIfPresent(doc, "offerId", request.offerId());
            putIfPresent(doc, "couponCode", request.couponCode());
            batch().upsert(messageDoc(request.messageId()), doc);
            MessageSource s = request.source();
            c.sent(new CustomerFacts.RecentMessage(request.messageId().value(), request.channel().code(), s.kind(), s.key(),
                    s.version(), s.step(), s.arm(), List.copyOf(c.segments), event.acceptedAt(), null));
            if (request.couponCode() != null && !request.couponCode().isBlank()) {
                Map<String, Object> coupon = dimensions(s, request.channel().code(), c.segments);
                coupon.put("type", InteractionFacts.COUPON);
                coupon.put("couponCode", request.couponCode());
                coupon.put("messageId", request.messageId().value());
                coupon.put("customerId", event.customerId().value());
                putIfPresent(coupon, "offerId", request.offerId());
                batch().upsert(couponDoc(request.couponCode()), coupon);
            }
        });
    }

    @EventHandler
    void on(MessageSuppressedEvent event, @SequenceNumber long sequence) {
        customer(event, sequence, c -> {
            Map<String, Object> doc = event.source() == null ? new LinkedHashMap<>()
                    : dimensions(event.source(), event.channel().code(), c.segments);
            doc.put("type", InteractionFacts.MESSAGE);
            doc.put("messageId", event.messageId().value());
            doc.put("customerId", event.customerId().value());
            doc.put("channel", event.channel().code());
            doc.put("suppressedAt", event.suppressedAt().toString());
            putIfPresent(doc, "suppressionReason", event.reason() == null ? null : event.reason().name());
            putIfPresent(doc, "storeId", c.homeStore);
            batch().upsert(messageDoc(event.messageId()), doc);
        });
    }

    @EventHandler
    void on(MessageDeliveredEvent event, @SequenceNumber long sequence) {
        customer(event, sequence, c -> {
            receipt(event, event.messageId(), event.channel().code(), "deliveredAt", event.occurredAt());
            c.delivered(event.messageId().value(), event.occurredAt());
        });
    }

    @EventHandler
    void on(MessageOpenedEvent event, @SequenceNumber long sequence) {
        customer(event, sequence, c -> {
            receipt(event, event.messageId(), event.channel().code(), "openedAt", event.occurredAt());
            c.engaged(event.channel().code());
        });
    }

    @EventHandler
    void on(MessageClickedEvent event, @SequenceNumber long sequence) {
        customer(event, sequence, c -> {
            receipt(event, event.messageId(), event.channel().code(), "clickedAt", event.occurredAt());
            c.engaged(event.channel().code());
        });
    }

    @EventHandler
    void on(MessageFailedEvent event, @SequenceNumber long sequence) {
        customer(event, sequence, c -> receipt(event, event.messageId(), event.channel().code(), "failedAt", event.occurredAt()));
    }

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequence) {
        customer(event, sequence, c -> {
            TreeSet<String> categories = new TreeSet<>();
            long units = 0;
            for (OrderLine line : event.lines()) {
                units += line.quantity();
                ProductRef product = catalogue.find(line.sku());
                if (product != null && product.category() != null && !product.category().isBlank()) {
                    categories.add(product.category());
                }
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            var attributed = c.attribution(event.placedAt(), facts.conversionWindow());
            attributed.ifPresent(m -> {
                doc.putAll(dimensions(new MessageSource(m.kind(), m.key(), m.version() == null ? 0 : m.version(), null, m.step(), m.arm()),
                        m.channel(), m.segments()));
                doc.put("messageId", m.messageId());
                doc.put("messageDeliveredAt", m.deliveredAt().toString());
            });
            doc.put("type", InteractionFacts.ORDER);
            doc.put("attributed", attributed.isPresent());
            doc.put("customerId", event.customerId().value());
            doc.put("orderId", event.orderId());
            doc.put("placedAt", event.placedAt().toString());
            putIfPresent(doc, "currency", event.currency());
            doc.put("revenue", event.total() == null ? 0.0 : event.total().doubleValue());
            doc.put("units", units);
            putIfPresent(doc, "storeId", blankToNull(event.storeId()));
            putIfPresent(doc, "orderChannel", blankToNull(event.channel()));
            doc.put("categories", List.copyOf(categories));
            batch().put(InteractionFacts.ORDER + ":" + event.customerId().value() + ":" + event.orderId(), doc);
            c.ordered(blankToNull(event.storeId()), blankToNull(event.channel()), List.copyOf(categories));
        });
    }

    @EventHandler
    void on(SegmentEnteredEvent event, @SequenceNumber long sequence) {
        customer(event, sequence, c -> c.entered(event.segment()));
    }

    @EventHandler
    void on(SegmentLeftEvent event, @SequenceNumber long sequence) {
        customer(event, sequence, c -> c.left(event.segment()));
    }

    @EventHandler
    void on(CouponIssuedEvent event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", InteractionFacts.COUPON);
        doc.put("couponCode", event.code().value());
        doc.put("offerId", event.offerId().value());
        doc.put("customerId", event.customerId().value());
        doc.put("issuedAt", event.issuedAt().toString());
        batch().upsert(couponDoc(event.code().value()), doc);
    }

    @EventHandler
    void on(CouponRedeemedEvent event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", InteractionFacts.COUPON);
        doc.put("couponCode", event.code().value());
        doc.put("offerId", event.offerId().value());
        doc.put("customerId", event.customerId().value());
        doc.put("orderId", event.orderId());
        doc.put("redeemedAt", event.redeemedAt().toString());
        if (event.discount() != null) {
            doc.put("discount", event.discount().amount().doubleValue());
            doc.put("currency", event.discount().currency());
        }
        batch().upsert(couponDoc(event.code().value()), doc);
    }

    /**
     * The processor-level interceptor that writes the batch once its last event is handled (before the token
     * is stored; see CustomerProfileProjection#flushAfterLastEvent for why it sits on the processor).
     */
    public static MessageHandlerInterceptor<EventMessage<?>> flushAfterLastEvent() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            UnitOfWork<?> root = unitOfWork.root();
            if (!(root instanceof BatchingUnitOfWork<?> batchOfEvents) || batchOfEvents.isLastMessage()) {
                InteractionBatch batch = root.getResource(BATCH_RESOURCE);
                if (batch != null) {
                    batch.flush();
                }
            }
            return result;
        };
    }

    private void receipt(CustomerEvent event, MessageId messageId, String channel, String stage, Instant at) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", InteractionFacts.MESSAGE);
        doc.put("messageId", messageId.value());
        doc.put("customerId", event.customerId().value());
        doc.put("channel", channel);
        doc.put(stage, at.toString());
        batch().upsert(messageDoc(messageId), doc);
    }

    /** What a message is about, as fields every fact of it (message, coupon, order) carries. */
    private static Map<String, Object> dimensions(MessageSource source, String channel, List<String> segments) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("channel", channel);
        doc.put("segments", new ArrayList<>(segments));
        if (source == null) {
            return doc;
        }
        doc.put("sourceKind", source.kind());
        doc.put("sourceKey", source.key());
        doc.put("sourceVersion", source.version());
        putIfPresent(doc, "run", source.run());
        putIfPresent(doc, "step", source.step());
        putIfPresent(doc, "arm", source.arm());
        if (MessageSource.CAMPAIGN.equals(source.kind())) {
            doc.put("campaign", source.key());
            putIfPresent(doc, "variant", source.step());
        } else if (MessageSource.JOURNEY.equals(source.kind())) {
            doc.put("journey", source.key());
            putIfPresent(doc, "node", source.step());
        }
        return doc;
    }

    private static String messageDoc(MessageId id) {
        return InteractionFacts.MESSAGE + ":" + id.value();
    }

    private static String couponDoc(String code) {
        return InteractionFacts.COUPON + ":" + code;
    }

    private static void putIfPresent(Map<String, Object> doc, String field, Object value) {
        if (value != null) {
            doc.put(field, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private void customer(CustomerEvent event, long sequence, Consumer<CustomerFacts> change) {
        batch().customerEvent(event.customerId().value(), sequence, change);
    }

    private InteractionBatch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH_RESOURCE, key -> {
            InteractionBatch batch = new InteractionBatch(facts);
            // A streaming processor hands over its whole batch: read every customer it touches at once.
            if (root instanceof BatchingUnitOfWork<?> batchOfEvents) {
                batch.preload(batchOfEvents.getMessages().stream()
                        .map(Message::getPayload)
                        .filter(e -> HANDLED.contains(e.getClass()))
                        .map(e -> ((CustomerEvent) e).customerId().value())
                        .collect(Collectors.toSet()));
            }
            // Normally flushed after the last event already; this catches a batch whose last event is not ours.
            root.onPrepareCommit(u -> batch.flush());
            return batch;
        });
    }
}
