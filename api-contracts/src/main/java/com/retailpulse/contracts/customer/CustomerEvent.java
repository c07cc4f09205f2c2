package com.retailpulse.contracts.customer;

import java.time.Instant;

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

    /**
     * When the event happened in the customer's world (an order's placing, a view's moment, a consent's date),
     * as against when it was stored: imports and late sources store old events now. The time it was stored
     * for events that carry none of their own. Reports over a past period, backtests and the profile as of a
     * business time read this.
     */
    static Instant timeOf(CustomerEvent event, Instant storedAt) {
        if (event instanceof CustomerInteractionEvent e) {
            return e.occurredAt();
        } else if (event instanceof OrderPlacedEvent e) {
            return e.placedAt();
        } else if (event instanceof OrderCancelledEvent e) {
            return e.cancelledAt();
        } else if (event instanceof SegmentEnteredEvent e) {
            return e.enteredAt();
        } else if (event instanceof SegmentLeftEvent e) {
            return e.leftAt();
        } else if (event instanceof ConsentGivenEvent e) {
            return e.at();
        } else if (event instanceof ConsentWithdrawnEvent e) {
            return e.at();
        } else if (event instanceof MessageAcceptedEvent e) {
            return e.acceptedAt();
        } else if (event instanceof IdentifierLinkedEvent e) {
            return e.linkedAt();
        } else if (event instanceof CustomerCreatedEvent e) {
            return e.firstSeenAt();
        } else if (event instanceof PersonalDataErasedEvent e) {
            return e.erasedAt();
        } else if (event instanceof CustomerMergedIntoEvent e) {
            return e.mergedAt();
        }
        return storedAt;
    }
}
