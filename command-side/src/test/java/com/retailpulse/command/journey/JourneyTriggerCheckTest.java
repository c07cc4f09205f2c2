package com.retailpulse.command.journey;

import com.retailpulse.contracts.journey.EventSpec;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyNode;
import com.retailpulse.contracts.journey.Reentry;
import com.retailpulse.contracts.journey.Trigger;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger checks of JourneyGraphCheck: dwell-time filters and schedules. */
class JourneyTriggerCheckTest {

    private static List<String> problems(Trigger trigger) {
        return JourneyGraphCheck.problems(new JourneyGraph("Test", trigger, "done", List.of(new JourneyNode.Exit("done")), null,
                Reentry.afterExit(), 10));
    }

    @Test
    void a_long_product_view_trigger_is_fine_and_min_dwell_elsewhere_or_malformed_names_the_trigger() {
        assertThat(problems(new Trigger.OnEvent(new EventSpec("product-view", Map.of("category", "stroller", "minDwell", "PT30S"))))).isEmpty();
        assertThat(problems(new Trigger.OnEvent(new EventSpec("login", Map.of("minDwell", "PT30S")))))
                .containsExactly("trigger: where.minDwell: only product-view events have a dwell time, not 'login'");
        assertThat(problems(new Trigger.OnEvent(new EventSpec("product-view", Map.of("minDwell", "thirty seconds")))))
                .containsExactly("trigger: where.minDwell: must be a positive ISO-8601 duration such as PT30S, got 'thirty seconds'");
    }

    @Test
    void a_schedule_trigger_is_fine_with_a_cron_a_zone_and_segments() {
        assertThat(problems(new Trigger.OnSchedule("0 0 9 * * MON", "Europe/London", List.of("vip", "about_to_churn")))).isEmpty();
    }

    @Test
    void a_schedule_without_cron_zone_or_segments_names_each_field_of_the_trigger() {
        assertThat(problems(new Trigger.OnSchedule(" ", null, null))).containsExactly(
                "trigger.cron: required, six fields with seconds first, e.g. \"0 0 9 * * MON\"",
                "trigger.zone: required, a time zone such as Europe/London",
                "trigger.segments: at least one segment whose members are enrolled at each fire time");
    }

    @Test
    void an_unknown_zone_and_blank_or_repeated_segments_are_named() {
        assertThat(problems(new Trigger.OnSchedule("0 0 9 * * *", "Mars/Olympus", Arrays.asList("vip", "", "vip", null))))
                .containsExactly("trigger.zone: unknown time zone 'Mars/Olympus'", "trigger.segments[1]: required",
                        "trigger.segments[2]: 'vip' is named twice", "trigger.segments[3]: required");
    }
}
