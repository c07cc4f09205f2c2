package com.retailpulse.contracts.customer;

/** Every event of the Customer aggregate. */
public sealed interface CustomerEvent permits CustomerCreatedEvent, OrderPlacedEvent, OrderCancelledEvent,
        ProductViewedEvent, CartItemAddedEvent, CartItemRemovedEvent, CartViewedEvent, CheckoutStartedEvent,
        PageViewedEvent, LoggedInEvent, SocialInteractedEvent, CustomEventRecordedEvent,
        IdentifierLinkedEvent, CustomerMergedIntoEvent, CustomersMergedEvent, CustomerUnmergedEvent, CustomerRestoredEvent,
        MemberProfileRecordedEvent, ConsentGivenEvent, ConsentWithdrawnEvent, SegmentEnteredEvent, SegmentLeftEvent,
        CustomerScoredEvent,
        MessageAcceptedEvent, MessageDeferredEvent, MessageSuppressedEvent, MessageDeliveredEvent, MessageOpenedEvent,
        MessageClickedEvent, MessageFailedEvent, JourneyEnrolledEvent, JourneyEnrollmentEndedEvent, CustomerTaggedEvent,
        CampaignHoldoutAssignedEvent, PersonalDataErasedEvent {
    CustomerId customerId();
}
