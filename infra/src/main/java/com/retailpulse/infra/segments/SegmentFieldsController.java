package com.retailpulse.infra.segments;

import com.retailpulse.projections.profile.ProfileDimensions;
import com.retailpulse.projections.profile.ScenarioTags;
import com.retailpulse.projections.profile.SegmentFields;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fields a segment condition may test, with their types: every declared profile dimension
 * (docs/tags.md) and every scenario tag in force ({@code scenario.<key>}, a boolean) — the same set
 * {@code SegmentConditionValidator} accepts. The console's segment builder offers exactly these.
 */
@RestController
class SegmentFieldsController {

    private final ScenarioTags scenarios;

    SegmentFieldsController(ScenarioTags scenarios) {
        this.scenarios = scenarios;
    }

    /** {@code type}: keyword, long (whole numbers), double, boolean or date (dates only with {@code exists}). */
    record FieldView(String name, String type, String group, String definition) {
    }

    @GetMapping("/api/v1/segments/fields")
    List<FieldView> fields() {
        List<FieldView> fields = new ArrayList<>(ProfileDimensions.all().stream()
                .map(d -> new FieldView(d.name(), d.type().name().toLowerCase(), d.group(), d.definition()))
                .toList());
        scenarios.inForce().values().stream()
                .sorted(Comparator.comparing(ScenarioTags.Definition::key))
                .forEach(s -> fields.add(new FieldView(SegmentFields.SCENARIO_PREFIX + s.key(), "boolean", "scenario",
                        "scenario tag " + s.key() + " (version " + s.version() + ")")));
        return fields;
    }
}
