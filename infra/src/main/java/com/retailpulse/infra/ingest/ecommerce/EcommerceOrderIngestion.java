package com.retailpulse.infra.ingest.ecommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailpulse.contracts.customer.RecordOrderCancellationCommand;
import com.retailpulse.contracts.customer.RecordOrderCommand;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.identity.IdentityResolution;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Service;

import java.time.Clock;

/**
 * Records one platform order on its buyer: a paid order as an order; an order cancelled or refunded
 * after payment as the order (when not yet recorded) and its cancellation; anything else not at all.
 * The customer aggregate de-duplicates by order and cancellation id, so resent orders record nothing.
 */
@Service
public class EcommerceOrderIngestion {

    private final IdentityResolution identities;
    private final Clock clock;

    public EcommerceOrderIngestion(IdentityResolution identities, Clock clock) {
        this.identities = identities;
        this.clock = clock;
    }

    /** Who sent the order and through which source: it ends up in the metadata of the events. */
    public record Origin(String issuedBy, String source, String requestId) {
    }

    /**
     * What happened to one order. {@code orderRecorded}/{@code cancellationRecorded}: true when new,
     * false when recorded before, absent when not applicable.
     */
    public record Outcome(String orderId, String status, String disposition, String customerId,
                          Boolean orderRecorded, Boolean cancellationRecorded) {
    }

    /**
     * @throws OrderMappingException when the order does not fit the platform's mapping; nothing is recorded then
     */
    public Outcome ingest(OrderMapper mapper, JsonNode orderJson, Origin origin) {
        MappedOrder order = mapper.map(orderJson);
        String disposition = order.disposition().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (order.disposition() == MappedOrder.Disposition.NOT_PAID) {
            return new Outcome(order.recordedOrderId(), order.status(), disposition, null, null, null);
        }
        MetaData metaData = MetaData.with(AxonConfig.ISSUED_BY, origin.issuedBy())
                .and(AxonConfig.SOURCE, origin.source())
                .and(AxonConfig.RECEIVED_AT, clock.instant().toString());
        if (origin.requestId() != null) {
            metaData = metaData.and(AxonConfig.REQUEST_ID, origin.requestId());
        }
        String[] customerId = new String[1];
        Boolean orderRecorded = identities.dispatch(order.identifiers(), resolved -> {
            customerId[0] = resolved.customerId().value();
            return new RecordOrderCommand(resolved.customerId(), resolved.identifier(), order.recordedOrderId(),
                    order.createdAt(), order.currency(), order.lines(), order.platform(), order.shopId());
        }, metaData);
        Boolean cancellationRecorded = null;
        if (order.disposition() == MappedOrder.Disposition.CANCELLED) {
            cancellationRecorded = identities.dispatch(order.identifiers(), resolved -> {
                customerId[0] = resolved.customerId().value();
                return new RecordOrderCancellationCommand(resolved.customerId(), resolved.identifier(),
                        order.cancellationId(), order.cancelledAt(), order.currency(), order.lines(),
                        order.platform(), order.shopId());
            }, metaData);
        }
        return new Outcome(order.recordedOrderId(), order.status(), disposition, customerId[0],
                Boolean.TRUE.equals(orderRecorded), cancellationRecorded == null ? null : Boolean.TRUE.equals(cancellationRecorded));
    }
}
