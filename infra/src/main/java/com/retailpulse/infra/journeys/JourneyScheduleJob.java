package com.retailpulse.infra.journeys;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

import java.time.Instant;

/**
 * One fire time of a journey's schedule, run by Quartz (created by Spring's job factory, which injects the
 * schedules). One firing per journey at a time: a long enrollment delays the next fire time rather than
 * overlapping it.
 */
@DisallowConcurrentExecution
class JourneyScheduleJob implements Job {

    private final JourneySchedules schedules;

    JourneyScheduleJob(JourneySchedules schedules) {
        this.schedules = schedules;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        try {
            schedules.fire(data.getString(JourneySchedules.JOURNEY), data.getString(JourneySchedules.CRON),
                    data.getString(JourneySchedules.ZONE), Instant.ofEpochMilli(data.getLong(JourneySchedules.DUE)));
        } catch (SchedulerException | RuntimeException e) {
            throw new JobExecutionException("journey " + data.getString(JourneySchedules.JOURNEY) + ": the scheduled enrollment failed", e);
        }
    }
}
