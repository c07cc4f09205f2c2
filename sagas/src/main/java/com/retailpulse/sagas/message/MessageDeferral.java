package com.retailpulse.sagas.message;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.MessageDeferredEvent;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.customer.CustomerId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;

import java.time.Clock;
import java.time.Duration;

/**
 * A message held back by the customer's quiet hours is asked for again when they end (docs/messaging.md):
 * the customer then decides afresh (caps and consent as they are by then), under the same message id.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public class MessageDeferral {

    static final String MESSAGE = "messageKey";
    static final String RETRY = "deferred-message";

    private CustomerId customer;
    private MessageRequest request;

    @StartSaga
    @SagaEventHandler(associationProperty = MESSAGE)
    void on(MessageDeferredEvent event, DeadlineManager deadlines, Clock clock) {
        customer = event.customerId();
        request = event.request();
        Duration wait = Duration.between(clock.instant(), event.until());
        deadlines.schedule(wait.isNegative() ? Duration.ZERO : wait, RETRY, event.messageKey());
    }

    @DeadlineHandler(deadlineName = RETRY)
    void retry(String messageKey, CommandGateway commands) {
        commands.send(new DeliverMessageCommand(customer, request));
        SagaLifecycle.end();
    }
}
