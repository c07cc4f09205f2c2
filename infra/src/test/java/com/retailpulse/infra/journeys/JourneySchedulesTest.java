package com.retailpulse.infra.journeys;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.EnrollInJourneyCommand;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.Reentry;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.projections.journey.JourneyCatalogue;
import com.retailpulse.projections.profile.SegmentMembers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A fire time of a schedule trigger, with Quartz, the catalogue and the segment index stubbed. */
class JourneySchedulesTest {

    private static final String CRON = "0 0 9 * * MON";
    private static final String ZONE = "Europe/London";
    private static final Trigger.OnSchedule MONDAYS = new Trigger.OnSchedule(CRON, ZONE, List.of("vip"));
    private static final Instant DUE = Instant.parse("2026-11-23T09:00:00Z"); // Monday 9:00 in London (GMT)
    private static final Instant NEXT = Instant.parse("2026-11-30T09:00:00Z");

    private final Scheduler scheduler = mock(Scheduler.class);
    private final JourneyCatalogue catalogue = mock(JourneyCatalogue.class);
    private final SegmentMembers members = mock(SegmentMembers.class);
    private final CommandGateway commands = mock(CommandGateway.class);

    private static JourneyCatalogue.Active journey(Trigger trigger) {
        return new JourneyCatalogue.Active(new JourneyKey("weekly-vip"), 3, new JourneyGraph("Weekly", trigger, "done",
                List.of(new JourneyNode.Exit("done")), null, Reentry.afterCooldown(Duration.ofDays(7)), 10));
    }

    private JourneySchedules at(Instant now) {
        return new JourneySchedules(scheduler, catalogue, members, commands, Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofHours(1), 2, Duration.ZERO);
    }

    @BeforeEach
    void stubs() throws Exception {
        when(commands.send(any())).thenReturn(CompletableFuture.completedFuture(true));
        when(members.page(eq(List.of("vip")), eq(List.of()), any(), anyInt())).thenAnswer(call -> {
            String after = call.getArgument(2);
            return after == null ? new SegmentMembers.Page(List.of(new CustomerId("c-1"), new CustomerId("c-2")), false)
                    : new SegmentMembers.Page(List.of(new CustomerId("c-3")), true);
        });
    }

    @Test
    void on_time_it_books_the_next_fire_time_and_enrolls_every_member_in_batches_at_the_fire_time() throws Exception {
        when(catalogue.active()).thenReturn(List.of(journey(MONDAYS)));
        assertThat(at(DUE.plusMillis(300)).fire("weekly-vip", CRON, ZONE, DUE)).isEqualTo(3);

        ArgumentCaptor<JobDetail> job = ArgumentCaptor.forClass(JobDetail.class);
        verify(scheduler).addJob(job.capture(), eq(true));
        assertThat(job.getValue().getKey()).isEqualTo(JourneySchedules.jobKey("weekly-vip"));
        assertThat(job.getValue().isDurable()).isTrue();
        assertThat(job.getValue().requestsRecovery()).isTrue();
        ArgumentCaptor<org.quartz.Trigger> booked = ArgumentCaptor.forClass(org.quartz.Trigger.class);
        verify(scheduler).scheduleJob(booked.capture());
        assertThat(booked.getValue().getStartTime().toInstant()).isEqualTo(NEXT);
        assertThat(booked.getValue().getJobKey()).isEqualTo(JourneySchedules.jobKey("weekly-vip"));
        assertThat(booked.getValue().getJobDataMap().getLong(JourneySchedules.DUE)).isEqualTo(NEXT.toEpochMilli());
        assertThat(((SimpleTrigger) booked.getValue()).getMisfireInstruction()).isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW);
        verify(members, times(2)).page(eq(List.of("vip")), eq(List.of()), any(), eq(2));
        verify(members).page(List.of("vip"), List.of(), "c-2", 2);

        ArgumentCaptor<EnrollInJourneyCommand> sent = ArgumentCaptor.forClass(EnrollInJourneyCommand.class);
        verify(commands, times(3)).send(sent.capture());
        assertThat(sent.getAllValues()).extracting(c -> c.customerId().value()).containsExactly("c-1", "c-2", "c-3");
        assertThat(sent.getAllValues()).allSatisfy(c -> {
            assertThat(c.at()).isEqualTo(DUE);
            assertThat(c.version()).isEqualTo(3);
            assertThat(c.trigger()).isEqualTo("schedule:2026-11-23T09:00:00Z");
            assertThat(c.reentry()).isEqualTo(Reentry.afterCooldown(Duration.ofDays(7)));
        });

        // the same fire time run again gives each customer the same enrollment (which they recognise)
        List<String> first = sent.getAllValues().stream().map(EnrollInJourneyCommand::enrollmentId).toList();
        at(DUE.plusSeconds(5)).fire("weekly-vip", CRON, ZONE, DUE);
        ArgumentCaptor<EnrollInJourneyCommand> again = ArgumentCaptor.forClass(EnrollInJourneyCommand.class);
        verify(commands, times(6)).send(again.capture());
        assertThat(again.getAllValues().subList(3, 6)).extracting(EnrollInJourneyCommand::enrollmentId).isEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
    }

    @Test
    void a_fire_time_missed_by_more_than_the_grace_enrolls_nobody_and_books_the_next_after_now() throws Exception {
        when(catalogue.active()).thenReturn(List.of(journey(MONDAYS)));
        Instant back = Instant.parse("2026-11-25T14:00:00Z"); // Wednesday
        assertThat(at(back).fire("weekly-vip", CRON, ZONE, DUE)).isZero();
        ArgumentCaptor<org.quartz.Trigger> booked = ArgumentCaptor.forClass(org.quartz.Trigger.class);
        verify(scheduler).scheduleJob(booked.capture());
        assertThat(booked.getValue().getStartTime().toInstant()).isEqualTo(NEXT);
        verify(commands, never()).send(any());
    }

    @Test
    void a_fire_time_missed_by_less_than_the_grace_still_enrolls_and_books_the_next() throws Exception {
        when(catalogue.active()).thenReturn(List.of(journey(MONDAYS)));
        assertThat(at(DUE.plus(Duration.ofMinutes(40))).fire("weekly-vip", CRON, ZONE, DUE)).isEqualTo(3);
        verify(scheduler).scheduleJob(any(org.quartz.Trigger.class));
    }

    @Test
    void a_paused_journey_or_a_changed_schedule_enrolls_nobody_and_books_nothing() throws Exception {
        when(catalogue.active()).thenReturn(List.of());
        assertThat(at(DUE).fire("weekly-vip", CRON, ZONE, DUE)).isZero();
        when(catalogue.active()).thenReturn(List.of(journey(new Trigger.OnSchedule("0 0 10 * * MON", ZONE, List.of("vip")))));
        assertThat(at(DUE).fire("weekly-vip", CRON, ZONE, DUE)).isZero();
        verify(scheduler, never()).scheduleJob(any(org.quartz.Trigger.class));
        verify(commands, never()).send(any());
    }

    @Test
    void fire_times_follow_the_zone_and_bad_crons_are_named() {
        // 9:00 in London is 8:00 UTC in summer
        assertThat(JourneySchedules.next(MONDAYS, Instant.parse("2026-06-01T07:00:00Z"))).contains(Instant.parse("2026-06-01T08:00:00Z"));
        assertThat(JourneySchedules.cronProblems(MONDAYS)).isEmpty();
        assertThat(JourneySchedules.cronProblems(new Trigger.OnSchedule("@daily", ZONE, List.of("vip")))).isEmpty();
        assertThat(JourneySchedules.cronProblems(new Trigger.OnSchedule("0 9 * * MON", ZONE, List.of("vip"))))
                .singleElement().asString().startsWith("trigger.cron: ").contains("6 fields");
        assertThat(JourneySchedules.cronProblems(new Trigger.OnSchedule("0 0 25 * * *", ZONE, List.of("vip"))))
                .singleElement().asString().startsWith("trigger.cron: ");
        assertThat(JourneySchedules.cronProblems(new Trigger.OnSchedule("0 0 9 30 2 *", ZONE, List.of("vip"))))
                .containsExactly("trigger.cron: '0 0 9 30 2 *' never fires");
    }
}
