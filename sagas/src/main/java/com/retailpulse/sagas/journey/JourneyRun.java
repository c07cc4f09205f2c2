package com.retailpulse.sagas.journey;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.retailpulse.contracts.customer.CartItemAddedEvent;
import com.retailpulse.contracts.customer.CartItemRemovedEvent;
import com.retailpulse.contracts.customer.CheckoutStartedEvent;
import com.retailpulse.contracts.customer.CustomEventRecordedEvent;
import com.retailpulse.contracts.customer.CustomerEvent;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.DeliverMessageCommand;
import com.retailpulse.contracts.customer.EndJourneyEnrollmentCommand;
import com.retailpulse.contracts.customer.JourneyEnrolledEvent;
import com.retailpulse.contracts.customer.LoggedInEvent;
import com.retailpulse.contracts.customer.OrderCancelledEvent;
import com.retailpulse.contracts.customer.OrderPlacedEvent;
import com.retailpulse.contracts.customer.PageViewedEvent;
import com.retailpulse.contracts.customer.ProductViewedEvent;
import com.retailpulse.contracts.customer.TagCustomerCommand;
import com.retailpulse.contracts.journey.EventSpec;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.JourneyRetiredEvent;
import com.retailpulse.contracts.journey.JourneyStepsRunEvent;
import com.retailpulse.contracts.journey.JourneyWebhookRequestedEvent;
import com.retailpulse.contracts.message.MessageId;
import com.retailpulse.contracts.message.MessageRequest;
import com.retailpulse.contracts.message.MessageSource;
import com.retailpulse.contracts.offer.CouponIssuance;
import com.retailpulse.contracts.offer.IssueCouponCommand;
import com.retailpulse.contracts.offer.OfferId;
import com.retailpulse.contracts.tag.TagCondition;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One customer's run through one version of a journey (docs/journeys.md): started by their enrollment,
 * it walks the graph step by step, waits with deadlines, listens to the customer's events for
 * wait-for-event steps and the goal, and ends by reporting the outcome to the customer.
 *
 * <p>Every action is keyed by the enrollment and the step, so a step run again after a crash sends the
 * same message id and the same coupon issuance: the customer and the offer recognise it.
 *
 * <p>Each time it moves, the run publishes the steps it went through ({@link JourneyStepsRunEvent}) for the
 * journey's results; a call-webhook step publishes a {@link JourneyWebhookRequestedEvent} that is delivered
 * apart, so the run never waits on a remote server.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public class JourneyRun {

    static final String ENROLLMENT = "enrollmentId";
    static final String CUSTOMER = "customerId";
    static final String JOURNEY = "journey";
    /** A wait step's deadline; its payload is the step's id and the number of the wait ({@code step@n}). */
    static final String WAIT = "journey-wait";

    private static final Logger log = LoggerFactory.getLogger(JourneyRun.class);

    private CustomerId customer;
    private JourneyKey journey;
    private int version;
    private String enrollment;
    /** The step the run waits in (null while not waiting). */
    private String waitingAt;
    private String deadlineId;
    /** Waits so far: a deadline of an earlier wait (even at the same step, in a loop) is told apart. */
    private int waits;
    private String couponCode;
    private String couponOfferId;
    /** The split branch the customer went down, for the experiment reports of later messages. */
    private String arm;
    /** What enrolled the customer, and when: told to webhooks. */
    private String trigger;
    private Instant enrolledAt;

    @StartSaga
    @SagaEventHandler(associationProperty = ENROLLMENT)
    void on(JourneyEnrolledEvent event, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        customer = event.customerId();
        journey = event.journey();
        version = event.version();
        enrollment = event.enrollmentId();
        trigger = event.trigger();
        enrolledAt = event.enrolledAt();
        SagaLifecycle.associateWith(CUSTOMER, customer.value());
        SagaLifecycle.associateWith(JOURNEY, journey.value());
        JourneyGraph graph = graph(context);
        if (graph == null) {
            end("version " + version + " not found", commands, deadlines, clock);
            return;
        }
        runFrom(graph.start(), graph, context, commands, deadlines, clock, events);
    }

    @DeadlineHandler(deadlineName = WAIT)
    void waited(String deadline, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        if (waitingAt == null || !deadline.equals(waitingAt + "@" + waits)) {
            return; // the deadline of a wait left meanwhile (or scheduled by an attempt that was rolled back)
        }
        JourneyGraph graph = graph(context);
        JourneyNode node = graph.node(waitingAt).orElseThrow();
        waitingAt = null;
        deadlineId = null;
        runFrom(JourneyWalk.afterWait(node), graph, context, commands, deadlines, clock, events);
    }

    @SagaEventHandler(associationProperty = JOURNEY)
    void on(JourneyRetiredEvent event, CommandGateway commands, DeadlineManager deadlines, Clock clock) {
        end("retired", commands, deadlines, clock);
    }

    // The customer's events that goals and wait-for-event steps listen to; one handler per kind, as
    // Axon routes saga events by their type.

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(LoggedInEvent event, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        observed(event, context, commands, deadlines, clock, events);
    }

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(ProductViewedEvent event, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        observed(event, context, commands, deadlines, clock, events);
    }

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(CartItemAddedEvent event, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        observed(event, context, commands, deadlines, clock, events);
    }

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(CartItemRemovedEvent event, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        observed(event, context, commands, deadlines, clock, events);
    }

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(CheckoutStartedEvent event, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        observed(event, context, commands, deadlines, clock, events);
    }

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(PageViewedEvent event, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        observed(event, context, commands, deadlines, clock, events);
    }

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(OrderPlacedEvent event, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        observed(event, context, commands, deadlines, clock, events);
    }

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(OrderCancelledEvent event, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        observed(event, context, commands, deadlines, clock, events);
    }

    @SagaEventHandler(associationProperty = CUSTOMER)
    void on(CustomEventRecordedEvent event, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        observed(event, context, commands, deadlines, clock, events);
    }

    private void observed(CustomerEvent event, JourneyContext context, CommandGateway commands, DeadlineManager deadlines, Clock clock,
            EventBus events) {
        JourneyGraph graph = graph(context);
        if (graph == null) {
            return;
        }
        if (graph.goal() != null && graph.goal().matches(event)) {
            end("goal", commands, deadlines, clock);
            return;
        }
        if (waitingAt != null && graph.node(waitingAt).orElse(null) instanceof JourneyNode.WaitForEvent wait && wait.event().matches(event)) {
            deadlines.cancelSchedule(WAIT, deadlineId);
            waitingAt = null;
            deadlineId = null;
            runFrom(wait.onEvent(), graph, context, commands, deadlines, clock, events);
        }
    }

    private void runFrom(String step, JourneyGraph graph, JourneyContext context, CommandGateway commands, DeadlineManager deadlines,
                         Clock clock, EventBus events) {
        JourneyWalk.Walked walked = JourneyWalk.from(step, journey, version, graph, customer, arm, clock.instant(),
                new JourneyWalk.Actions() {
                    @Override
                    public boolean matches(TagCondition condition) {
                        return context.matches(customer, condition);
                    }

                    @Override
                    public ZoneId zone() {
                        return context.zoneOf(customer);
                    }

                    @Override
                    public void send(JourneyNode.SendMessage send, String onArm) {
                        arm = onArm;
                        JourneyRun.this.send(send, graph, commands);
                    }

                    @Override
                    public String issue(JourneyNode.IssueCoupon issue) {
                        return JourneyRun.this.issue(issue, commands);
                    }

                    @Override
                    public void tag(JourneyNode.SetTag tag) {
                        commands.send(new TagCustomerCommand(customer, tag.tag(), "journey:" + journey, clock.instant()));
                    }

                    @Override
                    public void callWebhook(JourneyNode.CallWebhook call) {
                        // A pass through the step is told apart from an earlier one (a loop through a wait) by the wait count.
                        events.publish(GenericEventMessage.asEventMessage(new JourneyWebhookRequestedEvent(
                                "journey:" + enrollment + ":" + call.id() + ":" + waits, customer, journey, version, enrollment,
                                call.id(), call.endpoint(), call.fields(), trigger, enrolledAt, clock.instant())));
                    }
                });
        arm = walked.arm();
        if (walked.waiting()) {
            waitFor(walked.waitingAt(), walked.waitFor(), deadlines);
        } else {
            if (walked.steps().size() >= JourneyWalk.MAX_STEPS_AT_ONCE) {
                log.error("journey {} v{} ran {} steps at once for {}; ending the run", journey, version, walked.steps().size(), customer);
            }
            end(walked.ended(), commands, deadlines, clock);
        }
        events.publish(GenericEventMessage.asEventMessage(new JourneyStepsRunEvent(customer, journey, version, enrollment,
                walked.steps(), walked.arms(), waitingAt, waits, clock.instant())));
    }

    private void waitFor(String step, Duration delay, DeadlineManager deadlines) {
        waitingAt = step;
        waits++;
        deadlineId = deadlines.schedule(delay, WAIT, step + "@" + waits);
    }

    private void send(JourneyNode.SendMessage send, JourneyGraph graph, CommandGateway commands) {
        String offerId = send.offerId() != null ? send.offerId() : couponOfferId;
        MessageRequest request = new MessageRequest(new MessageId("journey:" + enrollment + ":" + send.id()), send.channel(),
                send.title(), send.body(), offerId, couponCode,
                new MessageSource(MessageSource.JOURNEY, journey.value(), version, enrollment, send.id(), arm), graph.priority());
        commands.send(new DeliverMessageCommand(customer, request)).exceptionally(e -> {
            log.warn("journey {} could not ask to send {} to {}: {}", journey, request.messageId(), customer, e.getMessage());
            return null;
        });
    }

    /** @return null when issued, else why not */
    private String issue(JourneyNode.IssueCoupon issue, CommandGateway commands) {
        CouponIssuance result;
        try {
            result = commands.sendAndWait(new IssueCouponCommand(new OfferId(issue.offerId()), "journey:" + enrollment + ":" + issue.id(), customer));
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        if (result instanceof CouponIssuance.Issued issued) {
            couponCode = issued.code().value();
            couponOfferId = issue.offerId();
            return null;
        }
        CouponIssuance.Refused refused = (CouponIssuance.Refused) result;
        return refused.reason() + (refused.detail() == null ? "" : " (" + refused.detail() + ")");
    }

    private void end(String outcome, CommandGateway commands, DeadlineManager deadlines, Clock clock) {
        if (deadlineId != null) {
            deadlines.cancelSchedule(WAIT, deadlineId);
        }
        commands.send(new EndJourneyEnrollmentCommand(customer, journey, enrollment, outcome, clock.instant()));
        SagaLifecycle.end();
    }

    private JourneyGraph graph(JourneyContext context) {
        return context.graph(journey, version).orElse(null);
    }
}
