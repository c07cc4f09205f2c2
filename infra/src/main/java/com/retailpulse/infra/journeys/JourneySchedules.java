package com.retailpulse.infra.journeys;

import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.customer.EnrollInJourneyCommand;
import com.retailpulse.contracts.journey.Trigger;
import com.retailpulse.projections.journey.JourneyCatalogue;
import com.retailpulse.projections.profile.SegmentMembers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Schedule triggers (docs/journeys.md, ADR 0020): at each fire time of a journey's cron expression, in its
 * zone, the current members of its segments are enrolled, in batches, each through their own re-entry
 * policy ({@link EnrollInJourneyCommand}).
 * <p>
 * The next fire time of each journey is a one-shot trigger in Quartz's job store (the deadlines' store, in
 * the event store's database), so it survives a restart. Each firing books the next fire time before it
 * enrolls anyone. {@link #sync()} brings the stored schedules in line with the journeys taking customers
 * every few seconds: a new or changed schedule is booked from now on, a paused or retired journey's schedule
 * is deleted (and a firing re-reads the journey first, so a pause stops enrollment at once). A fire time
 * missed while the platform was down fires when it is back (Quartz's misfire: fire now): it enrolls when at
 * most {@code retailpulse.journeys.schedule-grace} late, and is skipped otherwise; several missed fire times
 * make one such firing, as only the next one is ever stored.
 */
@Component
class JourneySchedules {

    static final String GROUP = "journey-schedules";
    static final String CRON = "cron";
    static final String ZONE = "zone";
    static final String DUE = "due";
    static final String JOURNEY = "journey";

    private static final Logger log = LoggerFactory.getLogger(JourneySchedules.class);

    private final Scheduler scheduler;
    private final JourneyCatalogue catalogue;
    private final SegmentMembers members;
    private final CommandGateway commands;
    private final Clock clock;
    private final Duration grace;
    private final int batchSize;
    private final Duration batchPause;

    JourneySchedules(Scheduler scheduler, JourneyCatalogue catalogue, SegmentMembers members, CommandGateway commands, Clock clock,
                     @Value("${retailpulse.journeys.schedule-grace}") Duration grace,
                     @Value("${retailpulse.journeys.schedule-batch-size}") int batchSize,
                     @Value("${retailpulse.journeys.schedule-batch-pause}") Duration batchPause) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("retailpulse.journeys.schedule-grace: must not be negative, got " + grace);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("retailpulse.journeys.schedule-batch-size: must be 1 to 10000, got " + batchSize);
        }
        if (batchPause.isNegative()) {
            throw new IllegalArgumentException("retailpulse.journeys.schedule-batch-pause: must not be negative, got " + batchPause);
        }
        this.scheduler = scheduler;
        this.catalogue = catalogue;
        this.members = members;
        this.commands = commands;
        this.clock = clock;
        this.grace = grace;
        this.batchSize = batchSize;
        this.batchPause = batchPause;
    }

    /** What is wrong with a schedule's cron expression (Spring's six fields, seconds first), each naming the trigger's field. */
    static List<String> cronProblems(Trigger.OnSchedule schedule) {
        if (schedule.cron() == null || schedule.cron().isBlank()) {
            return List.of(); // the graph check names it
        }
        CronExpression cron;
        try {
            cron = CronExpression.parse(schedule.cron());
        } catch (IllegalArgumentException e) {
            return List.of("trigger.cron: " + e.getMessage() + " (six fields with seconds first, e.g. \"0 0 9 * * MON\")");
        }
        if (cron.next(ZonedDateTime.now(zoneOrUtc(schedule.zone()))) == null) {
            return List.of("trigger.cron: '" + schedule.cron() + "' never fires");
        }
        return List.of();
    }

    /** The first fire time of the schedule strictly after {@code after}, or empty when it never fires again. */
    static Optional<Instant> next(Trigger.OnSchedule schedule, Instant after) {
        ZonedDateTime next = CronExpression.parse(schedule.cron()).next(after.atZone(ZoneId.of(schedule.zone())));
        return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
    }

    private static ZoneId zoneOrUtc(String zone) {
        try {
            return zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** Whether the schedule can be booked (the checks refuse to publish one that cannot; this guards the catalogue's copy). */
    private static boolean bookable(Trigger.OnSchedule schedule) {
        if (schedule.cron() == null || schedule.cron().isBlank() || schedule.zone() == null || !cronProblems(schedule).isEmpty()) {
            return false;
        }
        try {
            ZoneId.of(schedule.zone());
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The schedules of the journeys taking customers, by journey key; those that cannot be read are left out (and logged). */
    private Map<String, Trigger.OnSchedule> wanted() {
        Map<String, Trigger.OnSchedule> wanted = new HashMap<>();
        for (JourneyCatalogue.Active journey : catalogue.active()) {
            if (journey.graph().trigger() instanceof Trigger.OnSchedule schedule) {
                if (bookable(schedule)) {
                    wanted.put(journey.key().value(), schedule);
                } else {
                    log.warn("Journey {} has a schedule that cannot be booked: {}", journey.key(), schedule);
                }
            }
        }
        return wanted;
    }

    /**
     * Books the next fire time of each journey taking customers on a schedule that has none (or one of a
     * different cron or zone), and deletes the schedules of journeys no longer taking customers.
     */
    @Scheduled(fixedDelayString = "${retailpulse.journeys.schedule-sync}", initialDelayString = "${retailpulse.journeys.schedule-sync}")
    void sync() {
        try {
            Map<String, Trigger.OnSchedule> wanted = wanted();
            for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!wanted.containsKey(job.getName())) {
                    scheduler.deleteJob(job);
                    log.info("Journey {} no longer takes customers: its schedule is deleted", job.getName());
                }
            }
            for (Map.Entry<String, Trigger.OnSchedule> entry : wanted.entrySet()) {
                JobKey job = jobKey(entry.getKey());
                Trigger.OnSchedule schedule = entry.getValue();
                List<? extends org.quartz.Trigger> booked = scheduler.getTriggersOfJob(job);
                if (booked.stream().noneMatch(t -> same(t, schedule))) {
                    for (org.quartz.Trigger stale : booked) {
                        scheduler.unscheduleJob(stale.getKey());
                    }
                    book(entry.getKey(), schedule, clock.instant());
                }
            }
        } catch (SchedulerException e) {
            log.warn("Cannot bring the journey schedules in line with the journeys; trying again at the next sync", e);
        }
    }

    private static boolean same(org.quartz.Trigger trigger, Trigger.OnSchedule schedule) {
        return schedule.cron().equals(trigger.getJobDataMap().getString(CRON)) && schedule.zone().equals(trigger.getJobDataMap().getString(ZONE));
    }

    static JobKey jobKey(String journey) {
        return JobKey.jobKey(journey, GROUP);
    }

    /** Books the first fire time after {@code after}; nothing when the schedule never fires again. */
    private void book(String journey, Trigger.OnSchedule schedule, Instant after) throws SchedulerException {
        Optional<Instant> due = next(schedule, after);
        if (due.isEmpty()) {
            log.info("Journey {}: the schedule '{}' fires no more", journey, schedule.cron());
            return;
        }
        JobKey job = jobKey(journey);
        if (!scheduler.checkExists(job)) {
            // recovery: a firing cut short by a crash runs again at the next start, with the same fire time
            // (so the same enrollment ids: members already enrolled are recognised)
            scheduler.addJob(JobBuilder.newJob(JourneyScheduleJob.class).withIdentity(job).storeDurably().requestRecovery()
                    .usingJobData(JOURNEY, journey).build(), true);
        }
        TriggerKey key = TriggerKey.triggerKey(journey + "@" + due.get().toEpochMilli(), GROUP);
        if (scheduler.checkExists(key)) {
            return; // booked already (the same fire time handled twice)
        }
        scheduler.scheduleJob(TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(job)
                .usingJobData(CRON, schedule.cron()).usingJobData(ZONE, schedule.zone()).usingJobData(DUE, due.get().toEpochMilli())
                .startAt(Date.from(due.get()))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build());
    }

    /**
     * A fire time of the journey's schedule has come (Quartz): book the next one, then enroll the members of
     * its segments as they are now, when the journey still takes customers on that schedule and the fire
     * time is not more than the grace late.
     *
     * @return the customers asked to enroll (each decides by its re-entry policy)
     */
    int fire(String journey, String cron, String zone, Instant due) throws SchedulerException {
        Optional<JourneyCatalogue.Active> active = catalogue.active().stream().filter(j -> j.key().value().equals(journey)).findFirst();
        if (active.isEmpty() || !(active.get().graph().trigger() instanceof Trigger.OnSchedule schedule)
                || !cron.equals(schedule.cron()) || !zone.equals(schedule.zone())) {
            log.info("Journey {}: no longer takes customers on '{}' in {}; the fire time {} enrolls nobody", journey, cron, zone, due);
            return 0; // the next sync deletes or rebooks the schedule
        }
        Instant now = clock.instant();
        book(journey, schedule, now.isAfter(due) ? now : due);
        if (now.isAfter(due.plus(grace))) {
            log.warn("Journey {}: the fire time {} was missed (now {}), more than {} ago: skipped", journey, due, now, grace);
            return 0;
        }
        return enroll(active.get(), schedule, due);
    }

    private int enroll(JourneyCatalogue.Active journey, Trigger.OnSchedule schedule, Instant due) {
        String trigger = "schedule:" + due;
        int asked = 0;
        String after = null;
        while (true) {
            SegmentMembers.Page page;
            try {
                page = members.page(schedule.segments(), List.of(), after, batchSize);
            } catch (IOException e) {
                throw new UncheckedIOException("journey " + journey.key() + ": cannot read the members of " + schedule.segments()
                        + " from " + members.index(), e);
            }
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (CustomerId customer : page.customers()) {
                // the same fire time run again (a crash, a redelivery) gives each customer the same enrollment
                String enrollment = UUID.nameUUIDFromBytes((journey.key() + "|schedule|" + due.toEpochMilli() + "|" + customer.value())
                        .getBytes(StandardCharsets.UTF_8)).toString();
                // at the fire time, not the moment of sending: a daily schedule with a one-day cooldown re-enters each day
                sent.add(commands.send(new EnrollInJourneyCommand(customer, journey.key(), journey.version(), enrollment,
                        journey.graph().reentry(), trigger, due)));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            asked += page.customers().size();
            if (page.exhausted() || page.customers().isEmpty()) {
                break;
            }
            after = page.customers().get(page.customers().size() - 1).value();
            pause();
        }
        log.info("Journey {} version {}: fire time {} asked {} members of {} to enroll", journey.key(), journey.version(), due, asked,
                schedule.segments());
        return asked;
    }

    private void pause() {
        if (batchPause.isZero()) {
            return;
        }
        try {
            Thread.sleep(batchPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between enrollment batches", e);
        }
    }
}
