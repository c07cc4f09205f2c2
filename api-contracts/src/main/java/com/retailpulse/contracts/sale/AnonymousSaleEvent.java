package com.retailpulse.contracts.sale;

/** Every event of an anonymous sale. */
public sealed interface AnonymousSaleEvent permits AnonymousOrderPlacedEvent, AnonymousOrderCancelledEvent {
    SaleId saleId();
}
