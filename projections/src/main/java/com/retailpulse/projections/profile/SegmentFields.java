package com.retailpulse.projections.profile;

import com.retailpulse.contracts.tag.TagCondition;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The profile fields a segment can test: every declared dimension (docs/tags.md) and every scenario
 * tag ({@code scenario.<key>}, a boolean). An activity condition is a count in one of the windows
 * profiles index ({@code activity.<kind>.<n>d}): Elasticsearch cannot sum per-day counts at query
 * time, so segments use the windows that are stored.
 */
public final class SegmentFields {

    private static final Map<String, ProfileDimensions.Dimension> DIMENSIONS = ProfileDimensions.all().stream()
            .collect(Collectors.toUnmodifiableMap(ProfileDimensions.Dimension::name, Function.identity()));
    public static final String SCENARIO_PREFIX = "scenario.";

    private SegmentFields() {
    }

    public static Optional<ProfileDimensions.Dimension> dimension(String field) {
        return Optional.ofNullable(DIMENSIONS.get(field));
    }

    /** The declared type; scenario tags are booleans. */
    public static ProfileDimensions.Type type(String field) {
        ProfileDimensions.Dimension d = DIMENSIONS.get(field);
        if (d != null) {
            return d.type();
        }
        if (field.startsWith(SCENARIO_PREFIX)) {
            return ProfileDimensions.Type.BOOLEAN;
        }
        throw new IllegalArgumentException("unknown profile field '" + field + "'");
    }

    public static boolean windowIndexed(int days) {
        return Arrays.stream(ProfileDimensions.WINDOWS).anyMatch(w -> w == days);
    }

    public static String windows() {
        return Arrays.stream(ProfileDimensions.WINDOWS).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    /** {"activity": "view", "withinDays": 7, "atLeast": 2} is {"field": "activity.view.7d", "op": "gte", "value": 2}. */
    public static TagCondition.Field asField(TagCondition.Activity activity) {
        return new TagCondition.Field("activity." + activity.activity() + "." + activity.withinDays() + "d",
                TagCondition.Op.gte, activity.atLeast());
    }
}
