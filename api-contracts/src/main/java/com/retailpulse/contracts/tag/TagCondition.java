package com.retailpulse.contracts.tag;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Objects;

/**
 * The tag-definition language: a condition tree over a customer's profile dimensions, activity
 * counts in time windows and context (holidays, weather). Written as JSON, the shape tells the kind:
 * <pre>
 * {"all": [c1, c2]}   {"any": [c1, c2]}   {"not": c}
 * {"field": "value.tier", "op": "in", "value": ["high_value", "regular"]}
 * {"activity": "view", "category": "fans", "withinDays": 14, "atLeast": 1}
 * {"context": "holiday_within", "days": 7}     {"context": "hot_weather", "minTempC": 30}
 * {"segment": "high_value_repeat"}     (segment definitions only)
 * </pre>
 * See docs/tags.md for every field, operator, activity kind and context, docs/segments.md for segments.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
        @JsonSubTypes.Type(TagCondition.All.class),
        @JsonSubTypes.Type(TagCondition.Any.class),
        @JsonSubTypes.Type(TagCondition.Not.class),
        @JsonSubTypes.Type(TagCondition.Field.class),
        @JsonSubTypes.Type(TagCondition.Activity.class),
        @JsonSubTypes.Type(TagCondition.Context.class),
        @JsonSubTypes.Type(TagCondition.InSegment.class)
})
public sealed interface TagCondition {

    record All(List<TagCondition> all) implements TagCondition {
        public All {
            all = List.copyOf(Objects.requireNonNull(all, "all"));
        }
    }

    record Any(List<TagCondition> any) implements TagCondition {
        public Any {
            any = List.copyOf(Objects.requireNonNull(any, "any"));
        }
    }

    record Not(TagCondition not) implements TagCondition {
        public Not {
            Objects.requireNonNull(not, "not");
        }
    }

    /** Compares a profile dimension (e.g. {@code value.yearlySpend}) or attribute ({@code attributes.level}). */
    record Field(String field, Op op, Object value) implements TagCondition {
        public Field {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
        }
    }

    enum Op { eq, ne, gt, gte, lt, lte, in, exists }

    /** At least {@code atLeast} activities of a kind (optionally in a category) within the last {@code withinDays}. */
    record Activity(String activity, String category, int withinDays, int atLeast) implements TagCondition {
        public Activity {
            Objects.requireNonNull(activity, "activity");
        }
    }

    /**
     * Context of the customer's region: {@code holiday_within} (a holiday in the next {@code days}),
     * {@code hot_weather} / {@code cold_weather} (today's forecast max ≥ / min ≤ the given °C), {@code rainy}.
     */
    record Context(String context, Integer days, Double minTempC, Double maxTempC) implements TagCondition {
        public Context {
            Objects.requireNonNull(context, "context");
        }
    }

    /** Membership of another segment (segment definitions only; cycles are refused). */
    record InSegment(String segment) implements TagCondition {
        public InSegment {
            Objects.requireNonNull(segment, "segment");
        }
    }
}
