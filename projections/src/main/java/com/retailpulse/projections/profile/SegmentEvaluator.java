package com.retailpulse.projections.profile;

import com.retailpulse.contracts.tag.TagCondition;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates a segment condition in memory against a profile's indexed values ({@code tags.*}) and
 * the segments it is already in — exactly what {@link SegmentQuery} asks Elasticsearch, so a live
 * entry and a count agree (a property test holds them to it). Comparisons follow the field's declared
 * type: keywords compare as text, numbers as numbers, booleans as booleans; a list matches when any
 * element does; an absent count reads as 0.
 */
public final class SegmentEvaluator {

    private SegmentEvaluator() {
    }

    public static boolean matches(TagCondition condition, Map<String, Object> tags, Set<String> segments) {
        if (condition instanceof TagCondition.All all) {
            return all.all().stream().allMatch(c -> matches(c, tags, segments));
        }
        if (condition instanceof TagCondition.Any any) {
            return any.any().stream().anyMatch(c -> matches(c, tags, segments));
        }
        if (condition instanceof TagCondition.Not not) {
            return !matches(not.not(), tags, segments);
        }
        if (condition instanceof TagCondition.InSegment in) {
            return segments.contains(in.segment());
        }
        if (condition instanceof TagCondition.Activity activity) {
            return matches(SegmentFields.asField(activity), tags, segments);
        }
        if (condition instanceof TagCondition.Field field) {
            return field(field, tags);
        }
        throw new IllegalArgumentException("segments cannot use " + condition.getClass().getSimpleName()
                + " conditions; use a scenario tag (scenario.<key>) for context");
    }

    private static boolean field(TagCondition.Field field, Map<String, Object> tags) {
        ProfileDimensions.Type type = SegmentFields.type(field.field());
        Object actual = tags.get(field.field());
        if (actual == null && ProfileDimensions.zeroWhenAbsent(field.field())) {
            actual = 0L;
        }
        List<?> values = actual == null ? List.of() : actual instanceof Collection<?> c ? List.copyOf(c) : List.of(actual);
        Object expected = field.value();
        return switch (field.op()) {
            case exists -> (expected == null || Boolean.TRUE.equals(expected)) != values.isEmpty();
            case eq -> values.stream().anyMatch(v -> same(type, v, expected));
            case ne -> values.stream().noneMatch(v -> same(type, v, expected));
            case in -> values.stream().anyMatch(v -> ((Collection<?>) expected).stream().anyMatch(e -> same(type, v, e)));
            case gt, gte, lt, lte -> values.stream().anyMatch(v -> inRange(field.op(), number(v), number(expected)));
        };
    }

    private static boolean same(ProfileDimensions.Type type, Object actual, Object expected) {
        return switch (type) {
            case LONG, DOUBLE -> number(actual).compareTo(number(expected)) == 0;
            case BOOLEAN -> Boolean.valueOf(String.valueOf(actual)).equals(expected);
            default -> Objects.equals(String.valueOf(actual), String.valueOf(expected));
        };
    }

    private static boolean inRange(TagCondition.Op op, BigDecimal actual, BigDecimal bound) {
        int cmp = actual.compareTo(bound);
        return switch (op) {
            case gt -> cmp > 0;
            case gte -> cmp >= 0;
            case lt -> cmp < 0;
            default -> cmp <= 0;
        };
    }

    static BigDecimal number(Object value) {
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }
}
