package com.retailpulse.infra.ingest.ecommerce;

import java.util.List;

/**
 * Where a platform's order JSON keeps each field, as JSON Pointers (RFC 6901), e.g. {@code /tid} or
 * {@code /orders/order}. Item pointers are relative to one element of the {@code items} array.
 *
 * @param timeFormat        {@code iso} (default), {@code epoch-millis}, {@code epoch-seconds}, or a
 *                          {@link java.time.format.DateTimeFormatter} pattern such as {@code yyyy-MM-dd HH:mm:ss}
 * @param timeZone          the zone of times that carry no offset, e.g. {@code Asia/Shanghai} (default UTC)
 * @param paidStatuses      statuses of an order that was paid (shipped, delivered, completed, …)
 * @param cancelledStatuses statuses of an order cancelled or refunded after payment; any other
 *                          status (awaiting payment, closed unpaid) records nothing
 * @param fixedCurrency     the currency when the payload carries none (e.g. CNY)
 */
public record MappingSettings(String orderId, String buyerId, String buyerPhone, String shopId,
                              String createdAt, String updatedAt, String timeFormat, String timeZone,
                              String status, List<String> paidStatuses, List<String> cancelledStatuses,
                              String currency, String fixedCurrency,
                              String items, Item item) {

    public record Item(String sku, String name, String quantity, String unitPrice) {
    }
}
