package com.retailpulse.projections.journey;

import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.JourneyEnrolledEvent;
import com.retailpulse.contracts.customer.JourneyEnrollmentEndedEvent;
import com.retailpulse.contracts.customer.MessageAcceptedEvent;
import com.retailpulse.contracts.customer.MessageClickedEvent;
import com.retailpulse.contracts.customer.MessageDeliveredEvent;
import com.retailpulse.contracts.customer.MessageFailedEvent;
import com.retailpulse.contracts.customer.MessageOpenedEvent;
import com.retailpulse.contracts.customer.MessageSuppressedEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.journey.JourneyStepsRunEvent;
import com.retailpulse.contracts.journey.JourneyWebhookRequestedEvent;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.stereotype.Component;

/**
 * Keeps each journey run's results ({@link JourneyResults}) current: entries, the steps runs publish as they
 * move, ends and outcomes, the messages sent after a split and their receipts, and the orders placed after
 * entering a branch. Events are handled in order per customer ({@link #PER_CUSTOMER}): the runs' own events
 * belong to no aggregate, so the default policy would scatter them.
 */
@Component
@ProcessingGroup(JourneyResultsProjection.PROCESSING_GROUP)
public class JourneyResultsProjection {

    public static final String PROCESSING_GROUP = "journey-results";
    private static final String JOURNEY_MESSAGE = MessageSource.JOURNEY + ":";

    /** Orders a customer's events, and the events their journey runs publish, as one sequence. */
    public static final SequencingPolicy<EventMessage<?>> PER_CUSTOMER = event -> {
        Object payload = event.getPayload();
        if (payload instanceof CustomerEvent customer) {
            return customer.customerId().value();
        } else if (payload instanceof JourneyStepsRunEvent moved) {
            return moved.customerId().value();
        } else if (payload instanceof JourneyWebhookRequestedEvent webhook) {
            return webhook.customerId().value();
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    };

    private final JourneyResults results;

    public JourneyResultsProjection(JourneyResults results) {
        this.results = results;
    }

    @EventHandler
    void on(JourneyEnrolledEvent event) {
        results.entered(event.enrollmentId(), event.journey().value(), event.version(), event.customerId().value(), event.enrolledAt());
    }

    @EventHandler
    void on(JourneyStepsRunEvent event) {
        results.moved(event.enrollmentId(), event.journey().value(), event.version(), event.customerId().value(), event.steps(),
                event.arms(), event.waitingAt(), event.waits(), event.at());
    }

    @EventHandler
    void on(JourneyEnrollmentEndedEvent event) {
        results.ended(event.enrollmentId(), event.journey().value(), event.customerId().value(), event.outcome(), event.endedAt());
    }

    @EventHandler
    void on(MessageAcceptedEvent event) {
        MessageSource source = event.request().source();
        if (afterSplit(source)) {
            results.message(source.run(), source.key(), event.customerId().value(), event.request().messageId().value(), "accepted");
        }
    }

    @EventHandler
    void on(MessageSuppressedEvent event) {
        MessageSource source = event.source();
        if (afterSplit(source)) {
            results.message(source.run(), source.key(), event.customerId().value(), event.messageId().value(), "suppressed");
        }
    }

    @EventHandler
    void on(MessageDeliveredEvent event) {
        receipt(event.messageId(), "delivered");
    }

    @EventHandler
    void on(MessageOpenedEvent event) {
        receipt(event.messageId(), "opened");
    }

    @EventHandler
    void on(MessageClickedEvent event) {
        receipt(event.messageId(), "clicked");
    }

    @EventHandler
    void on(MessageFailedEvent event) {
        receipt(event.messageId(), "failed");
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        results.ordered(event.customerId().value(), event.orderId(), event.placedAt(), event.currency(), event.total());
    }

    @ResetHandler
    void reset() {
        results.clear();
    }

    private void receipt(MessageId messageId, String flag) {
        if (messageId.value().startsWith(JOURNEY_MESSAGE)) {
            results.receipt(messageId.value(), flag);
        }
    }

    private static boolean afterSplit(MessageSource source) {
        return source != null && MessageSource.JOURNEY.equals(source.kind()) && source.run() != null && source.arm() != null;
    }
}
