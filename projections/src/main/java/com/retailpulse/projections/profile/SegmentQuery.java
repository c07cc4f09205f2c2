package com.retailpulse.projections.profile;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import com.retailpulse.contracts.tag.TagCondition;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * Compiles a segment condition to an Elasticsearch query over the {@code profiles} index, with the
 * same meaning as {@link SegmentEvaluator}: counts, samples and exports come from here, live entries
 * and exits from the evaluator. Absent counts read as 0, so a test that 0 passes also matches
 * profiles without the field.
 */
public final class SegmentQuery {

    private SegmentQuery() {
    }

    /** Customers (not records merged into others) who match. */
    public static Query customersMatching(TagCondition condition) {
        return Query.of(q -> q.bool(b -> b.filter(compile(condition))
                .mustNot(m -> m.exists(e -> e.field("mergedInto")))));
    }

    public static Query compile(TagCondition condition) {
        if (condition instanceof TagCondition.All all) {
            return Query.of(q -> q.bool(b -> b.filter(all.all().stream().map(SegmentQuery::compile).toList())));
        }
        if (condition instanceof TagCondition.Any any) {
            return Query.of(q -> q.bool(b -> b.should(any.any().stream().map(SegmentQuery::compile).toList())
                    .minimumShouldMatch("1")));
        }
        if (condition instanceof TagCondition.Not not) {
            return Query.of(q -> q.bool(b -> b.mustNot(compile(not.not()))));
        }
        if (condition instanceof TagCondition.InSegment in) {
            return Query.of(q -> q.term(t -> t.field("segments").value(in.segment())));
        }
        if (condition instanceof TagCondition.Activity activity) {
            return compile(SegmentFields.asField(activity));
        }
        if (condition instanceof TagCondition.Field field) {
            return field(field);
        }
        throw new IllegalArgumentException("segments cannot use " + condition.getClass().getSimpleName()
                + " conditions; use a scenario tag (scenario.<key>) for context");
    }

    private static Query field(TagCondition.Field field) {
        String path = "tags." + field.field();
        boolean zeroWhenAbsent = ProfileDimensions.zeroWhenAbsent(field.field());
        Object value = field.value();
        return switch (field.op()) {
            case exists -> {
                boolean wanted = value == null || Boolean.TRUE.equals(value);
                // An absent count is 0, so it always "exists".
                Query present = zeroWhenAbsent ? Query.of(q -> q.matchAll(m -> m)) : exists(path);
                yield wanted ? present : not(present);
            }
            case eq -> orAbsent(term(path, value), zeroWhenAbsent && isZero(value), path);
            case ne -> not(orAbsent(term(path, value), zeroWhenAbsent && isZero(value), path));
            case in -> {
                Collection<?> options = (Collection<?>) value;
                Query terms = Query.of(q -> q.terms(t -> t.field(path)
                        .terms(v -> v.value(options.stream().map(SegmentQuery::fieldValue).toList()))));
                yield orAbsent(terms, zeroWhenAbsent && options.stream().anyMatch(SegmentQuery::isZero), path);
            }
            case gt, gte, lt, lte -> {
                JsonData bound = JsonData.of(value);
                Query range = Query.of(q -> q.range(r -> r.untyped(u -> {
                    u.field(path);
                    return switch (field.op()) {
                        case gt -> u.gt(bound);
                        case gte -> u.gte(bound);
                        case lt -> u.lt(bound);
                        default -> u.lte(bound);
                    };
                })));
                boolean zeroInRange = switch (field.op()) {
                    case gt -> BigDecimal.ZERO.compareTo(SegmentEvaluator.number(value)) > 0;
                    case gte -> BigDecimal.ZERO.compareTo(SegmentEvaluator.number(value)) >= 0;
                    case lt -> BigDecimal.ZERO.compareTo(SegmentEvaluator.number(value)) < 0;
                    default -> BigDecimal.ZERO.compareTo(SegmentEvaluator.number(value)) <= 0;
                };
                yield orAbsent(range, zeroWhenAbsent && zeroInRange, path);
            }
        };
    }

    private static Query orAbsent(Query query, boolean absentMatches, String path) {
        if (!absentMatches) {
            return query;
        }
        return Query.of(q -> q.bool(b -> b.should(query, not(exists(path))).minimumShouldMatch("1")));
    }

    private static Query term(String path, Object value) {
        return Query.of(q -> q.term(t -> t.field(path).value(fieldValue(value))));
    }

    private static Query exists(String path) {
        return Query.of(q -> q.exists(e -> e.field(path)));
    }

    private static Query not(Query query) {
        return Query.of(q -> q.bool(b -> b.mustNot(query)));
    }

    private static boolean isZero(Object value) {
        return value instanceof Number n && SegmentEvaluator.number(n).signum() == 0;
    }

    private static FieldValue fieldValue(Object value) {
        if (value instanceof Boolean b) {
            return FieldValue.of(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return FieldValue.of(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return FieldValue.of(n.doubleValue());
        }
        return FieldValue.of(String.valueOf(value));
    }
}
