package com.retailpulse.infra.journeys;

import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deadlines asked in the platform's time fire by the machine's clock: with the platform's clock set back to
 * 2011 (retailpulse.clock.start), a campaign's end 60 days ahead is 60 days ahead, not a moment long past
 * that the scheduler would fire at once (as it did: a campaign then completed after its first batch).
 */
class ScaledDeadlineManagerTest {

    private static final Instant MACHINE_NOW = Instant.parse("2026-11-25T03:00:00Z");
    private static final Instant PLATFORM_NOW = Instant.parse("2011-12-10T00:00:00Z");

    private final List<Instant> scheduled = new ArrayList<>();
    private final DeadlineManager recorder = new DeadlineManager() {
        @Override
        public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
            scheduled.add(triggerDateTime);
            return "id-" + scheduled.size();
        }

        @Override
        public void cancelSchedule(String deadlineName, String scheduleId) {
        }

        @Override
        public void cancelAll(String deadlineName) {
        }

        @Override
        public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        }

        @Override
        public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
            return () -> true;
        }

        @Override
        public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
            return () -> true;
        }
    };

    private ScaledDeadlineManager manager(double scale) {
        return new ScaledDeadlineManager(recorder, scale, Clock.fixed(PLATFORM_NOW, ZoneOffset.UTC), Clock.fixed(MACHINE_NOW, ZoneOffset.UTC),
                Set.of("campaign-next-batch"));
    }

    @Test
    void a_moment_in_the_platforms_time_fires_as_far_ahead_on_the_machines_clock() {
        manager(1).schedule(PLATFORM_NOW.plus(Duration.ofDays(60)), "period-end", "c1", null);
        manager(1).schedule(Duration.ofMinutes(30), "journey-wait", "w", null);
        assertThat(scheduled).containsExactly(MACHINE_NOW.plus(Duration.ofDays(60)), MACHINE_NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void at_a_time_scale_of_600_thirty_minutes_fire_after_three_seconds_and_a_past_moment_fires_now() {
        manager(600).schedule(PLATFORM_NOW.plus(Duration.ofMinutes(30)), "campaign-period-end", "c1", null);
        manager(600).schedule(Duration.ofMinutes(30), "journey-wait", "w", null);
        manager(600).schedule(PLATFORM_NOW.minus(Duration.ofDays(1)), "start", "c1", null);
        assertThat(scheduled).containsExactly(MACHINE_NOW.plusSeconds(3), MACHINE_NOW.plusSeconds(3), MACHINE_NOW);
    }

    @Test
    void a_campaigns_throttle_keeps_its_real_pace_whatever_the_time_scale() {
        manager(600).schedule(PLATFORM_NOW.plusSeconds(1), "campaign-next-batch", "c1", null);
        assertThat(scheduled).containsExactly(MACHINE_NOW.plusSeconds(1));
    }
}
