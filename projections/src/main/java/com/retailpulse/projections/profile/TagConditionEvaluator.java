package com.retailpulse.projections.profile;

import com.retailpulse.contracts.tag.TagCondition;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a scenario tag's condition for one customer, in memory, from the values the profile is
 * derived from: dimensions ({@code value.tier}), attributes ({@code attributes.region}), per-day
 * activity and the context of the customer's region ({@code attributes.region}).
 */
public final class TagConditionEvaluator {

    /** Attribute that names the customer's region for context conditions. */
    public static final String REGION_ATTRIBUTE = "region";

    private TagConditionEvaluator() {
    }

    public static boolean evaluate(TagCondition condition, ProfileDimensions.Input in, Map<String, Object> dimensions,
                                   ContextData context) {
        if (condition instanceof TagCondition.All all) {
            return all.all().stream().allMatch(c -> evaluate(c, in, dimensions, context));
        }
        if (condition instanceof TagCondition.Any any) {
            return any.any().stream().anyMatch(c -> evaluate(c, in, dimensions, context));
        }
        if (condition instanceof TagCondition.Not not) {
            return !evaluate(not.not(), in, dimensions, context);
        }
        if (condition instanceof TagCondition.Field field) {
            return compare(valueOf(field.field(), in, dimensions), field.op(), field.value());
        }
        if (condition instanceof TagCondition.Activity activity) {
            String kind = activity.category() == null ? activity.activity()
                    : activity.activity() + ":category=" + activity.category();
            return in.facts().count(kind, in.today().minusDays(activity.withinDays() - 1L), in.today()) >= activity.atLeast();
        }
        if (condition instanceof TagCondition.Context ctx) {
            return context(ctx, in, context);
        }
        throw new IllegalArgumentException("tags cannot use " + condition.getClass().getSimpleName() + " conditions");
    }

    static Object valueOf(String field, ProfileDimensions.Input in, Map<String, Object> dimensions) {
        if (field.startsWith("attributes.")) {
            var stated = in.attributes().values().get(field.substring("attributes.".length()));
            return stated == null ? null : stated.value();
        }
        Object value = dimensions.get(field);
        return value == null && ProfileDimensions.zeroWhenAbsent(field) ? 0L : value;
    }

    private static boolean context(TagCondition.Context ctx, ProfileDimensions.Input in, ContextData context) {
        var stated = in.attributes().values().get(REGION_ATTRIBUTE);
        if (stated == null) {
            return false;
        }
        String region = stated.value();
        return switch (ctx.context()) {
            case "holiday_within" -> context.holidayBetween(region, in.today(), in.today().plusDays(ctx.days() == null ? 7 : ctx.days()));
            case "hot_weather" -> context.weather(region, in.today())
                    .filter(w -> w.maxTempC() >= (ctx.minTempC() == null ? 30 : ctx.minTempC())).isPresent();
            case "cold_weather" -> context.weather(region, in.today())
                    .filter(w -> w.minTempC() <= (ctx.maxTempC() == null ? 5 : ctx.maxTempC())).isPresent();
            case "rainy" -> context.weather(region, in.today())
                    .filter(w -> w.condition() != null && w.condition().toLowerCase(Locale.ROOT).contains("rain")).isPresent();
            default -> throw new IllegalArgumentException("unknown context '" + ctx.context() + "'");
        };
    }

    @SuppressWarnings("unchecked")
    static boolean compare(Object actual, TagCondition.Op op, Object expected) {
        if (op == TagCondition.Op.exists) {
            boolean exists = actual != null && !(actual instanceof Collection<?> c && c.isEmpty());
            return expected == null || Boolean.TRUE.equals(expected) == exists;
        }
        if (actual == null) {
            return op == TagCondition.Op.ne;
        }
        if (op == TagCondition.Op.in) {
            Collection<Object> options = expected instanceof Collection<?> c ? (Collection<Object>) c : List.of(expected);
            return options.stream().anyMatch(o -> equal(actual, o));
        }
        if (op == TagCondition.Op.eq) {
            return equal(actual, expected);
        }
        if (op == TagCondition.Op.ne) {
            return !equal(actual, expected);
        }
        BigDecimal a = number(actual);
        BigDecimal e = number(expected);
        if (a == null || e == null) {
            return false;
        }
        int cmp = a.compareTo(e);
        return switch (op) {
            case gt -> cmp > 0;
            case gte -> cmp >= 0;
            case lt -> cmp < 0;
            case lte -> cmp <= 0;
            default -> false;
        };
    }

    /** A list value (e.g. preferred categories) equals an expected value when it contains it. */
    private static boolean equal(Object actual, Object expected) {
        if (actual instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> equal(v, expected));
        }
        BigDecimal a = number(actual);
        BigDecimal e = number(expected);
        if (a != null && e != null) {
            return a.compareTo(e) == 0;
        }
        return Objects.equals(String.valueOf(actual), String.valueOf(expected));
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
