package com.retailpulse.infra.ingest.ecommerce;

import com.retailpulse.contracts.customer.CustomerIdentifier;
import com.retailpulse.contracts.customer.IdentifierType;
import com.retailpulse.contracts.customer.OrderLine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A platform order read through its mapping: what RetailPulse needs, nothing else. */
public record MappedOrder(String platform, String orderId, String buyerId, String buyerPhone, String shopId,
                          Instant createdAt, Instant updatedAt, String status, Disposition disposition,
                          String currency, List<OrderLine> lines) {

    public MappedOrder {
        lines = List.copyOf(lines);
    }

    /** What the platform status means for the customer's history. */
    public enum Disposition {
        /** Paid (shipped, delivered, completed): an order. */
        PAID,
        /** Cancelled or refunded after payment: the order and its cancellation. */
        CANCELLED,
        /** Not paid yet, or closed before payment: nothing to record (yet). */
        NOT_PAID
    }

    /** The order id as recorded: platform ids of different platforms never collide. */
    public String recordedOrderId() {
        return platform + ":" + orderId;
    }

    public String cancellationId() {
        return recordedOrderId() + ":cancel";
    }

    /** When the cancellation happened: the order's last update when the mapping has one. */
    public Instant cancelledAt() {
        return updatedAt == null ? createdAt : updatedAt;
    }

    /** {@code buyer:<platform>:<buyerId>}, and {@code phone:<phone>} when the platform gives one. */
    public List<CustomerIdentifier> identifiers() {
        List<CustomerIdentifier> identifiers = new ArrayList<>();
        identifiers.add(new CustomerIdentifier(IdentifierType.BUYER, platform + ":" + buyerId));
        if (buyerPhone != null) {
            identifiers.add(new CustomerIdentifier(IdentifierType.PHONE, buyerPhone));
        }
        return identifiers;
    }
}
