package com.retailpulse.contracts.customer;

/** Every event of the Customer aggregate. */
public sealed interface CustomerEvent permits CustomerCreatedEvent, OrderPlacedEvent, OrderCancelledEvent,
        ProductViewedEvent, CartItemAddedEvent, CartItemRemovedEvent, CartViewedEvent, CheckoutStartedEvent,
        PageViewedEvent, LoggedInEvent, SocialInteractedEvent, CustomEventRecordedEvent,
        MemberProfileRecordedEvent, ConsentGivenEvent, ConsentWithdrawnEvent {
    CustomerId customerId();
}
