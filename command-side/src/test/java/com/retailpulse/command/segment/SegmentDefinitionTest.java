package com.retailpulse.command.segment;

import com.retailpulse.contracts.segment.DefineSegmentCommand;
import com.retailpulse.contracts.segment.RetireSegmentCommand;
import com.retailpulse.contracts.segment.SegmentDefinedEvent;
import com.retailpulse.contracts.segment.SegmentKey;
import com.retailpulse.contracts.segment.SegmentRetiredEvent;
import com.retailpulse.contracts.tag.TagCondition;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

class SegmentDefinitionTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private static final SegmentKey KEY = new SegmentKey("dormant");
    private static final TagCondition V1 = new TagCondition.Field("lifecycle.daysSinceLastOrder", TagCondition.Op.gte, 180);
    private static final TagCondition V2 = new TagCondition.Field("lifecycle.daysSinceLastOrder", TagCondition.Op.gte, 120);

    private AggregateTestFixture<SegmentDefinition> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SegmentDefinition.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_new_segment_starts_at_version_one() {
        fixture.givenNoPriorActivity()
                .when(new DefineSegmentCommand(KEY, "Dormant", null, V1))
                .expectResultMessagePayload(1)
                .expectEvents(new SegmentDefinedEvent(KEY, 1, "Dormant", null, V1, NOW));
    }

    @Test
    void a_changed_condition_is_a_new_version() {
        fixture.given(new SegmentDefinedEvent(KEY, 1, "Dormant", null, V1, NOW))
                .when(new DefineSegmentCommand(KEY, "Dormant", null, V2))
                .expectResultMessagePayload(2)
                .expectEvents(new SegmentDefinedEvent(KEY, 2, "Dormant", null, V2, NOW));
    }

    @Test
    void defining_the_same_segment_again_records_nothing() {
        fixture.given(new SegmentDefinedEvent(KEY, 1, "Dormant", null, V1, NOW))
                .when(new DefineSegmentCommand(KEY, "Dormant", null, V1))
                .expectResultMessagePayload(1)
                .expectNoEvents();
    }

    @Test
    void a_retired_segment_defined_again_comes_back_as_a_new_version() {
        fixture.given(new SegmentDefinedEvent(KEY, 1, "Dormant", null, V1, NOW), new SegmentRetiredEvent(KEY, 1, "", NOW))
                .when(new DefineSegmentCommand(KEY, "Dormant", null, V1))
                .expectResultMessagePayload(2)
                .expectEvents(new SegmentDefinedEvent(KEY, 2, "Dormant", null, V1, NOW));
    }

    @Test
    void retiring_twice_records_it_once() {
        fixture.given(new SegmentDefinedEvent(KEY, 1, "Dormant", null, V1, NOW), new SegmentRetiredEvent(KEY, 1, "", NOW))
                .when(new RetireSegmentCommand(KEY, "again"))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }
}
