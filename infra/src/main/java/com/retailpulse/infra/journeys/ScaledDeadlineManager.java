package com.retailpulse.infra.journeys;

import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;

import java.time.Duration;
import java.time.Instant;

/**
 * Runs every deadline {@code scale} times sooner than asked (a wait of 30 minutes fires after 3 seconds at
 * 600): for rehearsing journeys and for the integration tests of docs/journeys.md. At 1 it is the
 * deadline manager it wraps.
 */
final class ScaledDeadlineManager implements DeadlineManager {

    private final DeadlineManager delegate;
    private final double scale;

    ScaledDeadlineManager(DeadlineManager delegate, double scale) {
        if (!(scale >= 1)) {
            throw new IllegalArgumentException("retailpulse.journeys.time-scale must be 1 or more, got " + scale);
        }
        this.delegate = delegate;
        this.scale = scale;
    }

    private Instant scaled(Instant trigger) {
        Instant now = GenericEventMessage.clock.instant();
        Duration wait = Duration.between(now, trigger);
        return wait.isNegative() ? trigger : now.plusNanos((long) (wait.toNanos() / scale));
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        return delegate.schedule(scaled(triggerDateTime), deadlineName, messageOrPayload, deadlineScope);
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        delegate.cancelSchedule(deadlineName, scheduleId);
    }

    @Override
    public void cancelAll(String deadlineName) {
        delegate.cancelAll(deadlineName);
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        delegate.cancelAllWithinScope(deadlineName, scope);
    }

    @Override
    public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
        return delegate.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }
}
