package com.retailpulse.infra.journeys;

import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Puts the platform's deadlines on the scheduler's clock. Sagas ask for deadlines in the platform's time
 * ({@code retailpulse.clock.start} may set it years back, to derive imported history as of its own time),
 * while the scheduler below fires by the machine's clock: a campaign's end asked for "60 days after
 * 2011-12-10" must fire 60 days from now, not at once as a moment long past. Each deadline is given to the
 * wrapped manager as the machine's now plus how far ahead of the platform's now it was asked, run
 * {@code scale} times sooner (a wait of 30 minutes fires after 3 seconds at 600: for rehearsing journeys and
 * for the integration tests of docs/journeys.md), except the deadlines named as keeping their real pace: a
 * throttle (a campaign's one batch a second) is a rate promised to the channels, not a wait. A deadline asked
 * for a past moment fires now.
 */
final class ScaledDeadlineManager implements DeadlineManager {

    private final DeadlineManager delegate;
    private final double scale;
    private final Clock platform;
    private final Clock machine;
    private final Set<String> realPace;

    ScaledDeadlineManager(DeadlineManager delegate, double scale, Clock platform, Set<String> realPace) {
        this(delegate, scale, platform, Clock.systemUTC(), realPace);
    }

    ScaledDeadlineManager(DeadlineManager delegate, double scale, Clock platform, Clock machine, Set<String> realPace) {
        if (!(scale >= 1)) {
            throw new IllegalArgumentException("retailpulse.journeys.time-scale must be 1 or more, got " + scale);
        }
        this.delegate = delegate;
        this.scale = scale;
        this.platform = platform;
        this.machine = machine;
        this.realPace = Set.copyOf(realPace);
    }

    /** When the scheduler must fire the deadline {@code name} asked for {@code trigger} in the platform's time. */
    Instant onMachineClock(Instant trigger, String name) {
        Instant now = machine.instant();
        Duration ahead = Duration.between(platform.instant(), trigger);
        double by = realPace.contains(name) ? 1 : scale;
        return ahead.isNegative() ? now : now.plusNanos((long) (ahead.toNanos() / by));
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        return delegate.schedule(onMachineClock(triggerDateTime, deadlineName), deadlineName, messageOrPayload, deadlineScope);
    }

    /** A wait from now: from the platform's now (the interface's default would start from the machine's). */
    @Override
    public String schedule(Duration triggerDuration, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        return schedule(platform.instant().plus(triggerDuration), deadlineName, messageOrPayload, deadlineScope);
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
