package com.retailpulse.projections.segment;

import com.retailpulse.contracts.customer.SegmentEnteredEvent;
import com.retailpulse.contracts.customer.SegmentLeftEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Keeps the membership intervals (who was in which segment when) current from the recorded entries and exits. */
@Component
@ProcessingGroup(SegmentMembershipHistoryProjection.PROCESSING_GROUP)
public class SegmentMembershipHistoryProjection {

    public static final String PROCESSING_GROUP = "segment-membership-history";

    private final SegmentMembershipHistory history;

    public SegmentMembershipHistoryProjection(SegmentMembershipHistory history) {
        this.history = history;
    }

    @EventHandler
    void on(SegmentEnteredEvent event) {
        history.entered(event.customerId().value(), event.segment(), event.version(), event.enteredAt());
    }

    @EventHandler
    void on(SegmentLeftEvent event) {
        history.left(event.customerId().value(), event.segment(), event.version(), event.enteredAt(), event.leftAt());
    }

    @ResetHandler
    void reset() {
        history.deleteAll();
    }
}
